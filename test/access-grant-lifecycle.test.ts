import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackAt } from './support/chat-times.js';
import { accessSweeperJob } from '../jobs/access-sweeper-job.js';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import { auditTrailOf } from '../src/audit/record-audit-event.js';
import {
  ACCESS_POLICY,
  PEOPLE,
  SLACK_USERS,
  approvalCards,
  eventually,
  grantAccess,
  saidTo,
  seedDatabricks,
  waitForState,
} from './support/access-fixture.js';
import { HOUR, MINUTE } from './support/manual-clock.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

/** The shared policy plus a group in which the requester already has standing membership. */
const POLICY = `${ACCESS_POLICY}  reporting:
    databricks_group: reporting-readers
    approvers:
      slack_users: [U0APPROVE1]
    max_duration: 4h
    require_reason: false
`;

let bot: TestBot;
let seeded: ReturnType<typeof seedDatabricks>;

beforeEach(async () => {
  bot = await startTestBot({ policy: POLICY, slackUsers: SLACK_USERS });
  seeded = seedDatabricks(bot.databricks);
});
afterEach(async () => {
  await bot.stop();
});

/** One sweeper run, then the deliveries it queued, so the test sees what people would see. */
const sweep = async () => {
  await bot.runJob(accessSweeperJob, {});
  await bot.idle();
};
const members = (group: string) => [...bot.databricks.groupMemberIds(group)].sort();
const dmsToRequester = () => saidTo(bot, PEOPLE.requester.id);

describe('grant lifecycle: what Databricks is asked to change, and when', () => {
  it('standing membership survives the grant: no SCIM add, and the expiry removes nothing', async () => {
    bot.databricks.addGroup({ displayName: 'reporting-readers', memberIds: [seeded.userIds.requester] });

    const grant = await grantAccess(bot, PEOPLE.requester.id, 'reporting 1h quarterly numbers');
    expect(grant.standing_membership).toBe(true);
    expect(bot.databricks.patches).toEqual([]);
    await eventually(() =>
      expect(dmsToRequester()).toContain(
        `Your access to reporting is active until ${slackAt('2026-11-23 10:00')}`,
      ),
    );

    bot.clock.advance(HOUR);
    await sweep();
    await waitForState(bot, grant.id, 'expired');
    expect(bot.databricks.patches).toEqual([]);
    expect(members('reporting-readers')).toEqual([seeded.userIds.requester]);
    await eventually(() => expect(dmsToRequester()).toContain('Your access to reporting has expired'));
  });

  it('overlapping grants add the membership once and remove it only when the later one ends', async () => {
    const first = await grantAccess(bot, PEOPLE.requester.id, 'analysts 1h first task');
    expect(bot.databricks.patches).toHaveLength(1);
    expect(bot.databricks.patches[0]).toMatchObject({
      groupId: seeded.groupIds.analysts,
      added: [seeded.userIds.requester],
    });

    bot.clock.advance(10 * MINUTE);
    const second = await grantAccess(bot, PEOPLE.requester.id, 'analysts 2h second task');
    expect(second.ends_at).toEqual(new Date('2026-11-23T11:10:00Z'));
    expect(second.standing_membership).toBe(false);
    expect(bot.databricks.patches).toHaveLength(1);

    // The first grant ends while the second still covers the membership: nothing is removed.
    bot.clock.set(first.ends_at!);
    await sweep();
    await waitForState(bot, first.id, 'expired');
    expect(bot.databricks.patches).toHaveLength(1);
    expect(members('data-analysts')).toEqual([seeded.userIds.requester]);
    expect((await waitForState(bot, second.id, 'active')).ends_at).toEqual(second.ends_at);

    bot.clock.set(second.ends_at!);
    await sweep();
    await waitForState(bot, second.id, 'expired');
    expect(bot.databricks.patches).toHaveLength(2);
    expect(bot.databricks.patches[1]).toMatchObject({
      groupId: seeded.groupIds.analysts,
      added: [],
      removed: [seeded.userIds.requester],
    });
    expect(members('data-analysts')).toEqual([]);
  });

  it('grants of several people in one group that fall due together are removed in one PATCH', async () => {
    const people = [PEOPLE.requester, PEOPLE.outsider, PEOPLE.admin];
    const grants = [];
    for (const person of people) {
      grants.push(await grantAccess(bot, person.id, 'analysts 1h incident review'));
    }
    const userIds = [seeded.userIds.requester, seeded.userIds.outsider, seeded.userIds.admin].sort();
    expect(bot.databricks.patches).toHaveLength(3);
    expect(members('data-analysts')).toEqual(userIds);

    bot.clock.advance(HOUR);
    await sweep();
    for (const grant of grants) await waitForState(bot, grant.id, 'expired');

    expect(bot.databricks.patches).toHaveLength(4);
    const removal = bot.databricks.patches[3]!;
    expect(removal.groupId).toBe(seeded.groupIds.analysts);
    expect([...removal.removed].sort()).toEqual(userIds);
    expect(removal.operations).toHaveLength(3);
    expect(removal.operations).toEqual(userIds.map(() => expect.objectContaining({ op: 'remove' })));
    expect(members('data-analysts')).toEqual([]);
  });
});

describe('expiry warning and extension', () => {
  it('warns 10 minutes before the end; Extend files a linked request that keeps the membership', async () => {
    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 1h backfill the orders table');
    expect(grant.ends_at).toEqual(new Date('2026-11-23T10:00:00Z'));

    const warningsSent = async () =>
      (await auditTrailOf(bot.db, 'access_request', grant.id)).filter(
        (event) => event.action === 'access.expiry_warning_sent',
      ).length;
    const warningDms = () =>
      bot.slack
        .callsTo('chat.postMessage')
        .filter((call) => call.params.channel === PEOPLE.requester.id)
        .filter((call) => JSON.stringify(call.params.blocks).includes(ACCESS_ACTIONS.extend));

    // 15 minutes before the end: no warning yet.
    bot.clock.advance(45 * MINUTE);
    await sweep();
    expect(await warningsSent()).toBe(0);

    // 10 minutes before: one warning, with an Extend button for this grant; a second sweep adds none.
    bot.clock.advance(5 * MINUTE);
    await sweep();
    await sweep();
    expect(await warningsSent()).toBe(1);
    const [warning] = await eventually(() => {
      expect(warningDms()).toHaveLength(1);
      return warningDms().map((call) => JSON.stringify(call.params.blocks));
    });
    expect(warning).toContain(`Your access to analysts ends at ${slackAt('2026-11-23 10:00')}`);
    expect(warning).toContain(`"value":"${grant.id}"`);

    // A double click on Extend files one extension; the other click is told so.
    const before = bot.slack.responses.length;
    await Promise.all([1, 2].map(() => bot.click(PEOPLE.requester.id, ACCESS_ACTIONS.extend, grant.id)));
    const replies = bot.slack.responses.slice(before).map((response) => String(response.body.text));
    expect(replies).toHaveLength(2);
    const filed = replies.filter((text) => text.includes('sent to the approvers'));
    expect(filed).toHaveLength(1);
    expect(replies.filter((text) => text.includes('You already asked to extend'))).toHaveLength(1);
    const extensionNumber = Number(/AR-(\d+): your request/.exec(filed[0]!)![1]!);
    const extensions = await bot.db
      .selectFrom('access_requests')
      .select(['id', 'number'])
      .where('extends_request_id', '=', grant.id)
      .execute();
    expect(extensions.map((row) => row.number)).toEqual([extensionNumber]);
    const extensionId = extensions[0]!.id;
    const extension = await waitForState(bot, extensionId, 'pending');
    expect(extension).toMatchObject({
      extends_request_id: grant.id,
      group_key: 'analysts',
      duration_seconds: 3600,
    });
    await eventually(async () => {
      const cards = await approvalCards(bot, extensionId);
      expect(cards).toHaveLength(1);
      for (const card of cards) expect(card).toContain(`Extension of AR-${grant.number}`);
    });

    await bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, extensionId);
    const extended = await waitForState(bot, extensionId, 'active');
    // The new end continues from the old one; the membership was never added a second time.
    expect(extended.ends_at).toEqual(new Date('2026-11-23T11:00:00Z'));
    expect(extended.ends_at!.getTime()).toBeGreaterThan(grant.ends_at!.getTime());
    expect(bot.databricks.patches).toHaveLength(1);

    // The original grant ends, but the extension covers the membership.
    bot.clock.set(grant.ends_at!);
    await sweep();
    await waitForState(bot, grant.id, 'expired');
    expect(bot.databricks.patches).toHaveLength(1);
    expect(members('data-analysts')).toEqual([seeded.userIds.requester]);

    bot.clock.set(extended.ends_at!);
    await sweep();
    await waitForState(bot, extensionId, 'expired');
    expect(bot.databricks.patches).toHaveLength(2);
    expect(bot.databricks.patches[1]).toMatchObject({ removed: [seeded.userIds.requester] });
    expect(members('data-analysts')).toEqual([]);
  });

  it('sends no "ends soon" warning for a grant too short to act on it, never together with "active"', async () => {
    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 15m a quick look');
    await bot.idle();
    const said = () =>
      JSON.stringify(
        bot.slack
          .callsTo('chat.postMessage')
          .filter((call) => call.params.channel === PEOPLE.requester.id)
          .map((call) => call.params.text),
      );
    expect(said()).toContain('Your access to analysts is active until');
    for (const minutes of [0, 5, 6, 4]) {
      bot.clock.advance(minutes * MINUTE);
      await sweep();
    }
    await waitForState(bot, grant.id, 'expired');
    await bot.idle();
    expect(said()).not.toContain('ends at');
    const trail = (await auditTrailOf(bot.db, 'access_request', grant.id)).map((event) => event.action);
    expect(trail).not.toContain('access.expiry_warning_sent');
  });
});
