import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessSweeperJob } from '../jobs/access-sweeper-job.js';
import { applyGrantJob } from '../jobs/apply-grant-job.js';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import { reconcileMemberships } from '../src/access/reconcile-memberships.js';
import {
  ACCESS_POLICY,
  PEOPLE,
  SLACK_USERS,
  addDatabricksMember,
  eventually,
  fileRequest,
  grantAccess,
  latestRequest,
  saidTo,
  seedDatabricks,
  waitForState,
} from './support/access-fixture.js';
import { HOUR, MINUTE } from './support/manual-clock.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

const AUDIT = 'C0AUDITLOG';
let bot: TestBot;
let seeded: ReturnType<typeof seedDatabricks>;

beforeEach(async () => {
  bot = await startTestBot({
    policy: ACCESS_POLICY,
    slackUsers: SLACK_USERS,
    env: { ADMIN_SLACK_USER_IDS: PEOPLE.admin.id },
  });
  seeded = seedDatabricks(bot.databricks);
  await bot.command(PEOPLE.admin.id, 'subscribe access', { channelId: AUDIT });
});
afterEach(async () => {
  await bot.stop();
});

const sweep = async () => {
  const result = await bot.runJob(accessSweeperJob, {});
  await bot.idle();
  return result;
};
const analysts = () => bot.databricks.groupMemberIds('data-analysts');
const patchesOfAnalysts = () => bot.databricks.patches.filter((p) => p.groupId === seeded.groupIds.analysts);
const auditActions = async (id: string) =>
  (
    await bot.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute()
  ).map((row) => row.action);

describe('an add whose outcome was never recorded (the worker died after the SCIM call)', () => {
  it('is read back instead of sent again, and is never taken for standing membership', async () => {
    const applies = bot.runtime.queues.queueFor(applyGrantJob);
    await applies.pause();
    const id = await fileRequest(bot, PEOPLE.requester.id, 'analysts 1h fix the nightly job');
    await bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, id);
    await waitForState(bot, id, 'approved');

    // What a killed attempt leaves behind: its recorded intent (lease run out) and its add, landed.
    await bot.db
      .insertInto('group_memberships')
      .values({
        databricks_group_id: seeded.groupIds.analysts,
        databricks_user_id: seeded.userIds.requester,
        databricks_group: 'data-analysts',
        standing: false,
        observed_at: bot.clock.now(),
        state: 'adding',
        intent_token: randomUUID(),
        intent_at: new Date(bot.clock.now().getTime() - MINUTE),
        intent_attempts: 1,
      })
      .execute();
    await addDatabricksMember(bot, seeded.groupIds.analysts, seeded.userIds.requester);
    const patchesBefore = bot.databricks.patches.length;

    await applies.resume();
    const grant = await waitForState(bot, id, 'active');
    expect(bot.databricks.patches).toHaveLength(patchesBefore);
    expect(grant.standing_membership).toBe(false);

    bot.clock.set(grant.ends_at!);
    await sweep();
    await waitForState(bot, id, 'expired');
    expect(analysts()).toEqual([]);
    expect(bot.databricks.patches.at(-1)).toMatchObject({ removed: [seeded.userIds.requester] });
    expect(await bot.db.selectFrom('group_memberships').selectAll().execute()).toEqual([]);
  });
});

describe('a removal Databricks refuses', () => {
  it('keeps the grant active, audits and announces the failure once, and retries until confirmed', async () => {
    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 1h fix the nightly job');
    bot.databricks.failAllPatches({ status: 503 });
    bot.clock.set(grant.ends_at!);
    bot.clock.advance(MINUTE);

    await sweep();
    await sweep();
    expect((await waitForState(bot, grant.id, 'active')).state).toBe('active');
    expect(analysts()).toEqual([seeded.userIds.requester]);
    const actions = await auditActions(grant.id);
    expect(actions.filter((action) => action === 'access.removal_failed')).toHaveLength(1);
    expect(actions).not.toContain('access.expired');
    await eventually(() => expect(saidTo(bot, AUDIT)).toContain('Could not remove access to analysts yet'));
    expect(saidTo(bot, PEOPLE.requester.id)).not.toContain('has expired');

    bot.databricks.stopFailing();
    await sweep();
    await waitForState(bot, grant.id, 'expired');
    expect(analysts()).toEqual([]);
    expect((await auditActions(grant.id)).at(-1)).toBe('access.expired');
    await eventually(() => expect(saidTo(bot, PEOPLE.requester.id)).toContain('has expired'));
  });
});

describe('the reconciler', () => {
  it('adds back a granted membership removed behind the bot, and reports it', async () => {
    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 1h fix the nightly job');
    await reconcileMemberships(bot.services.access);
    await bot.services.access.databricks.removeGroupMembers(seeded.groupIds.analysts, [
      seeded.userIds.requester,
    ]);
    expect(analysts()).toEqual([]);

    const drifts = await reconcileMemberships(bot.services.access);
    expect(drifts).toEqual([
      expect.objectContaining({ reapplied: [seeded.userIds.requester], addedOutside: [] }),
    ]);
    expect(analysts()).toEqual([seeded.userIds.requester]);
    await bot.idle();
    expect(saidTo(bot, AUDIT)).toContain('added back');

    bot.clock.set(grant.ends_at!);
    await sweep();
    await waitForState(bot, grant.id, 'expired');
    expect(analysts()).toEqual([]);
  });

  it('reports members added outside the bot once, and never removes them', async () => {
    await addDatabricksMember(bot, seeded.groupIds.analysts, seeded.userIds.approver1);
    // The first look takes the group as it is.
    expect(await reconcileMemberships(bot.services.access)).toEqual([]);

    await addDatabricksMember(bot, seeded.groupIds.analysts, seeded.userIds.outsider);
    const drifts = await reconcileMemberships(bot.services.access);
    expect(drifts).toEqual([expect.objectContaining({ addedOutside: [seeded.userIds.outsider] })]);
    await bot.idle();
    expect(saidTo(bot, AUDIT)).toContain('Membership of data-analysts changed outside the bot');
    expect(await reconcileMemberships(bot.services.access)).toEqual([]);
    expect(analysts().sort()).toEqual([seeded.userIds.approver1, seeded.userIds.outsider].sort());
  });

  it('removes a membership the bot added that no grant keeps any more', async () => {
    await reconcileMemberships(bot.services.access);
    await addDatabricksMember(bot, seeded.groupIds.analysts, seeded.userIds.approver2);
    await bot.db
      .insertInto('group_memberships')
      .values({
        databricks_group_id: seeded.groupIds.analysts,
        databricks_user_id: seeded.userIds.approver2,
        databricks_group: 'data-analysts',
        standing: false,
        observed_at: bot.clock.now(),
        state: 'added',
      })
      .execute();
    const patches = patchesOfAnalysts().length;

    const drifts = await reconcileMemberships(bot.services.access);
    expect(drifts).toEqual([expect.objectContaining({ removedLeftovers: [seeded.userIds.approver2] })]);
    expect(analysts()).toEqual([]);
    expect(patchesOfAnalysts()).toHaveLength(patches + 1);
  });
});

describe('auto-approval', () => {
  it('stores the request approved in one step, with both audit events', async () => {
    await bot.command(PEOPLE.requester.id, 'request-access sandbox 30m try the new cluster policy');
    const request = await latestRequest(bot, PEOPLE.requester.id);
    expect(request).toMatchObject({ auto_approved: true, decided_by: 'system:auto-approve' });
    const grant = await waitForState(bot, request!.id, 'active');
    expect(await auditActions(grant.id)).toEqual(['access.requested', 'access.approved', 'access.granted']);
    bot.clock.advance(HOUR);
    await sweep();
    await waitForState(bot, grant.id, 'expired');
  });
});
