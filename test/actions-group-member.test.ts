import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileMemberships } from '../src/access/reconcile-memberships.js';
import { ACTION_BUTTONS } from '../src/actions/action-messages.js';
import { sweepActions } from '../src/actions/sweep-actions.js';
import { auditTrailOf } from '../src/audit/record-audit-event.js';
import {
  PEOPLE,
  SLACK_USERS,
  eventually,
  grantAccess,
  repliesTo,
  saidTo,
  seedDatabricks,
} from './support/access-fixture.js';
import { ACTIONS_CHANNEL, CLOCK_START, GROUP_MEMBER_POLICY } from './support/actions-fixture.js';
import { TEAMS_PEOPLE, seedTeamsDatabricks, text } from './support/teams-fixture.js';
import { invokeCard, startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

/**
 * `remove-group-member` (standing-privilege clean-up) through the real front doors against the
 * fake Databricks account: request → approve → removed through the access engine's recorded
 * removals → read back → every card updated; the reconciler neither adds the member back nor
 * reports the change; a retry after a crash reads the group before removing again; and every
 * refusal (not permitted, self-approval, not a member, group not managed, a grant's membership).
 */
const { requester, approver1, approver2, outsider, admin } = PEOPLE;

const actionRows = (bot: TestBot) =>
  bot.db.selectFrom('remediation_actions').selectAll().orderBy('created_at').execute();
const latestAction = async (bot: TestBot) => (await actionRows(bot)).at(-1)!;
const settled = (bot: TestBot, state: string) =>
  eventually(async () => {
    const row = await latestAction(bot);
    expect(row.state).toBe(state);
    return row;
  }, 15_000);
/** SCIM PATCHes the fake account received for one group. */
const patchesOf = (bot: TestBot, groupId: string) =>
  bot.databricks.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/Groups/${groupId}`));
async function cardsOf(bot: TestBot, actionId: string): Promise<string[]> {
  const posted = await bot.db
    .selectFrom('posted_messages')
    .select(['channel', 'message_id'])
    .where('subject_type', '=', 'remediation_action')
    .where('subject_id', '=', actionId)
    .execute();
  return posted.map((p) => JSON.stringify(bot.slack.message(p.channel, p.message_id)?.blocks ?? null));
}

describe('remove a standing member from a policy group, in Slack', () => {
  let bot: TestBot;
  let ids: ReturnType<typeof seedDatabricks>;
  const tick = () => bot.clock.advance(1_000);
  const analysts = () => bot.databricks.groupMemberIds('data-analysts');

  beforeAll(async () => {
    bot = await startTestBot({
      policy: GROUP_MEMBER_POLICY,
      slackUsers: SLACK_USERS,
      env: { ADMIN_SLACK_USER_IDS: admin.id },
      runtime: { actionExecution: { leaseMs: 2_000, settleReads: 3, settleReadDelayMs: 50 } },
    });
    bot.clock.set(CLOCK_START);
    ids = seedDatabricks(bot.databricks);
    // carol and the admin are in data-analysts from before the bot (standing members).
    bot.databricks.setGroupMembers('data-analysts', [ids.userIds.approver2, ids.userIds.admin]);
    // The reconciler's first look takes the members as they are.
    expect(await reconcileMemberships(bot.services.access)).toEqual([]);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('refuses someone the policy does not let request it, storing nothing', async () => {
    const refused = await repliesTo(
      bot,
      () => tick() && bot.command(outsider.id, `action remove-group-member analysts ${approver2.email}`),
    );
    expect(refused).toContain('You are not allowed to request `remove-group-member`');
    expect(await actionRows(bot)).toEqual([]);
  });

  it('refuses a group the access policy does not manage, and a user who is not a member', async () => {
    const unmanaged = await repliesTo(
      bot,
      () =>
        tick() &&
        bot.command(requester.id, `action remove-group-member platform-engineers ${approver1.email}`),
    );
    expect(unmanaged).toContain('platform-engineers is not a group the access policy manages');
    expect(unmanaged).toContain('managed groups: data-analysts');
    const notMember = await repliesTo(
      bot,
      () => tick() && bot.command(requester.id, `action remove-group-member analysts ${outsider.email}`),
    );
    expect(notMember).toContain(`${outsider.email} is not a member of data-analysts. Nothing was requested.`);
    const usage = await repliesTo(
      bot,
      () => tick() && bot.command(requester.id, 'action remove-group-member analysts'),
    );
    expect(usage).toContain('Say which action, where and on what');
    expect(await actionRows(bot)).toEqual([]);
    expect(patchesOf(bot, ids.groupIds.analysts)).toEqual([]);
  });

  it("refuses a membership that comes from the bot's active grant: revoke ends those", async () => {
    await grantAccess(bot, requester.id, 'analysts 2h quarterly numbers');
    expect(analysts()).toContain(ids.userIds.requester);
    const refused = await repliesTo(
      bot,
      () =>
        tick() && bot.command(approver1.id, `action remove-group-member data-analysts ${requester.email}`),
    );
    expect(refused).toMatch(
      /alice@example\.com is in data-analysts through a grant of the bot \(AR-\d+, active until [^)]+\), not as a standing member: end it with `revoke analysts alice@example\.com` instead\./,
    );
    expect(await actionRows(bot)).toEqual([]);
  });

  let actionId: string;

  it('a request shows the membership as standing and the change; self-approval and strangers are refused', async () => {
    const reply = await repliesTo(
      bot,
      () =>
        tick() &&
        bot.command(
          requester.id,
          `action remove-group-member analysts ${approver2.email.toUpperCase()} left the team`,
        ),
    );
    expect(reply).toContain(
      'Remove standing member carol@example.com from data-analysts in the Databricks account: requested',
    );
    const action = await latestAction(bot);
    actionId = action.id;
    expect(action).toMatchObject({
      kind: 'remove-group-member',
      state: 'pending',
      connector_id: null,
      // The group's name and the e-mail as Databricks has them, whatever was typed.
      target_id: 'data-analysts/carol@example.com',
      reason: 'left the team',
    });
    const card = saidTo(bot, approver1.id);
    expect(card).toContain(
      'carol@example.com is a standing member of data-analysts (not through a grant of the bot)',
    );
    expect(card).toContain('removed from the account group data-analysts (SCIM PATCH, remove member)');
    expect(card).toContain('No undo from the bot');
    expect(saidTo(bot, ACTIONS_CHANNEL)).toContain(ACTION_BUTTONS.approve);

    const again = await repliesTo(
      bot,
      () =>
        tick() && bot.command(approver1.id, `action remove-group-member data-analysts ${approver2.email}`),
    );
    expect(again).toContain('There is already an open `remove-group-member` request for carol@example.com');

    const self = await repliesTo(
      bot,
      () => tick() && bot.click(requester.id, ACTION_BUTTONS.approve, actionId),
    );
    expect(self).toContain('You cannot approve or deny your own action request.');
    const stranger = await repliesTo(
      bot,
      () => tick() && bot.click(outsider.id, ACTION_BUTTONS.approve, actionId),
    );
    expect(stranger).toContain('You are not an approver for `remove-group-member`.');
    expect((await latestAction(bot)).state).toBe('pending');
    expect(analysts()).toContain(ids.userIds.approver2);
    expect(patchesOf(bot, ids.groupIds.analysts).length).toBe(1); // the grant's add only
  });

  it('an approval removes the member once, verifies it by reading the group, and updates every card', async () => {
    const before = patchesOf(bot, ids.groupIds.analysts).length;
    tick();
    await bot.click(approver1.id, ACTION_BUTTONS.approve, actionId);
    const done = await settled(bot, 'succeeded');
    await bot.idle();
    const sent = patchesOf(bot, ids.groupIds.analysts).slice(before);
    expect(sent.map((r) => r.status)).toEqual([204]);
    expect(JSON.stringify(sent[0]!.body)).toContain('remove');
    expect(JSON.stringify(sent[0]!.body)).toContain(ids.userIds.approver2);
    expect(analysts()).not.toContain(ids.userIds.approver2);
    expect(analysts()).toEqual(expect.arrayContaining([ids.userIds.admin, ids.userIds.requester]));
    expect(done.outcome).toMatchObject({
      summary: expect.stringContaining('is not a member of data-analysts'),
    });
    const cards = await cardsOf(bot, actionId);
    expect(cards.length).toBeGreaterThanOrEqual(2);
    for (const card of cards) {
      expect(card).toContain('Done and verified');
      expect(card).not.toContain(ACTION_BUTTONS.approve);
      expect(card).not.toContain(ACTION_BUTTONS.undo);
    }
    // The membership's record is settled: no intent left behind.
    expect(
      await bot.db
        .selectFrom('group_memberships')
        .selectAll()
        .where('databricks_user_id', '=', ids.userIds.approver2)
        .execute(),
    ).toEqual([]);
    const trail = (await auditTrailOf(bot.db, 'remediation_action', actionId)).map(
      (e) => `${e.action} ${e.actor}`,
    );
    expect(trail).toEqual([
      `action.requested slack:${requester.id}`,
      `action.approved slack:${approver1.id}`,
      'action.executing system',
      'action.succeeded system',
    ]);
  });

  it('the reconciler neither adds the member back nor reports the removal', async () => {
    const drifts = await reconcileMemberships(bot.services.access);
    expect(drifts).toEqual([]);
    expect(analysts()).not.toContain(ids.userIds.approver2);
    // The grant's member is still there, kept by its grant.
    expect(analysts()).toContain(ids.userIds.requester);
    const again = await repliesTo(
      bot,
      () => tick() && bot.command(requester.id, `action remove-group-member analysts ${approver2.email}`),
    );
    expect(again).toContain('carol@example.com is not a member of data-analysts. Nothing was requested.');
  });

  it('a retry after a crash reads the group first: a removal that landed is not sent again', async () => {
    // The admin's removal is requested and approved, but the worker "crashed" after recording its
    // intents (the action's call and the membership's removal) and after Databricks removed them.
    tick();
    await bot.command(requester.id, `action remove-group-member analysts ${admin.email}`);
    const row = await latestAction(bot);
    await bot.db
      .updateTable('remediation_actions')
      .set({ state: 'executing', call_started_at: bot.clock.now(), decided_by: `slack:${approver1.id}` })
      .where('id', '=', row.id)
      .execute();
    await bot.db
      .insertInto('group_memberships')
      .values({
        databricks_group_id: ids.groupIds.analysts,
        databricks_user_id: ids.userIds.admin,
        databricks_group: 'data-analysts',
        standing: true,
        observed_at: new Date(Date.parse(CLOCK_START) - 60_000),
        state: 'removing',
        intent_token: randomUUID(),
        intent_at: new Date(Date.parse(CLOCK_START) - 60_000),
        intent_attempts: 1,
      })
      .execute();
    bot.databricks.setGroupMembers(
      'data-analysts',
      analysts().filter((id) => id !== ids.userIds.admin),
    );
    const before = patchesOf(bot, ids.groupIds.analysts).length;
    await sweepActions(bot.services.actions);
    const done = await settled(bot, 'succeeded');
    expect(done.id).toBe(row.id);
    expect(patchesOf(bot, ids.groupIds.analysts).length).toBe(before);
    expect(
      await bot.db
        .selectFrom('group_memberships')
        .select('state')
        .where('databricks_user_id', '=', ids.userIds.admin)
        .execute(),
    ).toEqual([]);
    expect(await reconcileMemberships(bot.services.access)).toEqual([]);
  });
});

describe('remove a standing member: errors from Databricks', () => {
  let bot: TestBot;
  let ids: ReturnType<typeof seedDatabricks>;
  const tick = () => bot.clock.advance(1_000);
  const analysts = () => bot.databricks.groupMemberIds('data-analysts');
  const membershipRecords = () =>
    bot.db.selectFrom('group_memberships').select(['databricks_user_id', 'state']).execute();

  beforeAll(async () => {
    bot = await startTestBot({
      policy: GROUP_MEMBER_POLICY,
      slackUsers: SLACK_USERS,
      runtime: { actionExecution: { leaseMs: 2_000, settleReads: 3, settleReadDelayMs: 50 } },
    });
    bot.clock.set(CLOCK_START);
    ids = seedDatabricks(bot.databricks);
    bot.databricks.setGroupMembers('data-analysts', [ids.userIds.outsider]);
    expect(await reconcileMemberships(bot.services.access)).toEqual([]);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('a permanent error (403) fails at once, on every card, and leaves no intent behind', async () => {
    bot.databricks.failNextPatches(1, { status: 403 });
    tick();
    await bot.command(requester.id, `action remove-group-member analysts ${outsider.email}`);
    const row = await latestAction(bot);
    tick();
    await bot.click(approver1.id, ACTION_BUTTONS.approve, row.id);
    await settled(bot, 'failed');
    await bot.idle();
    expect(patchesOf(bot, ids.groupIds.analysts).map((r) => r.status)).toEqual([403]);
    for (const card of await cardsOf(bot, row.id)) expect(card).toMatch(/Failed: [^"]*403/);
    expect(analysts()).toEqual([ids.userIds.outsider]);
    // Nothing for the reconciler's orphan pass to carry out behind the failed card.
    expect(await membershipRecords()).toEqual([]);
    expect(await reconcileMemberships(bot.services.access)).toEqual([]);
    expect(analysts()).toEqual([ids.userIds.outsider]);
  });

  it("5xx beyond the client's own retries is retried by the job, and the member removed once", async () => {
    bot.databricks.failNextPatches(5, { status: 503 });
    tick();
    await bot.command(requester.id, `action remove-group-member analysts ${outsider.email} retry`);
    const row = await latestAction(bot);
    const before = patchesOf(bot, ids.groupIds.analysts).length;
    tick();
    await bot.click(approver1.id, ACTION_BUTTONS.approve, row.id);
    const done = await settled(bot, 'succeeded');
    expect(done.id).toBe(row.id);
    const statuses = patchesOf(bot, ids.groupIds.analysts)
      .slice(before)
      .map((r) => r.status);
    expect(statuses.filter((status) => status === 503)).toHaveLength(5);
    expect(statuses.filter((status) => status < 300)).toHaveLength(1);
    expect(analysts()).toEqual([]);
    expect(await membershipRecords()).toEqual([]);
  });

  it('a grant that became active between request and execution stops the removal, on the card', async () => {
    bot.databricks.setGroupMembers('data-analysts', [ids.userIds.approver2]);
    tick();
    await bot.command(requester.id, `action remove-group-member analysts ${approver2.email}`);
    const row = await latestAction(bot);
    expect(row.state).toBe('pending');
    tick();
    await grantAccess(bot, approver2.id, 'analysts 1h month end');
    const before = patchesOf(bot, ids.groupIds.analysts).length;
    tick();
    await bot.click(approver1.id, ACTION_BUTTONS.approve, row.id);
    await settled(bot, 'failed');
    await bot.idle();
    expect(patchesOf(bot, ids.groupIds.analysts).length).toBe(before);
    expect(analysts()).toEqual([ids.userIds.approver2]);
    for (const card of await cardsOf(bot, row.id)) expect(card).toContain('through a grant of the bot');
  });
});

describe('remove a standing member, in Teams', () => {
  let teams: TeamsTestBot;
  const { requester: dana, approver: erin, outsider: frank } = TEAMS_PEOPLE;

  beforeAll(async () => {
    teams = await startTeamsTestBot({
      policy: GROUP_MEMBER_POLICY,
      teamsPeople: [dana, erin],
      runtime: { actionExecution: { leaseMs: 2_000, settleReads: 3, settleReadDelayMs: 50 } },
    });
    teams.bot.clock.set(CLOCK_START);
    const { userIds } = seedTeamsDatabricks(teams.bot.databricks);
    teams.bot.databricks.setGroupMembers('data-analysts', [userIds['frank@example.com']!]);
    await teams.install(dana);
    await teams.install(erin);
  });
  afterAll(async () => {
    await teams?.stop();
  });

  it('request, self-approval refused, approve, removed and verified', async () => {
    teams.bot.clock.advance(1_000);
    await teams.say(dana, `action remove-group-member analysts ${frank.email} moved teams`);
    expect(text(teams.cardsTo(dana.personalChat).slice(-3))).toContain(
      'Remove standing member frank@example.com from data-analysts in the Databricks account: requested',
    );
    const row = await latestAction(teams.bot);
    expect(row).toMatchObject({ kind: 'remove-group-member', state: 'pending' });
    expect(text(teams.cardsTo(erin.personalChat))).toContain('frank@example.com is a standing member');
    teams.bot.clock.advance(1_000);
    const self = invokeCard(
      await teams.click(dana, ACTION_BUTTONS.approve, { action: ACTION_BUTTONS.approve, value: row.id }),
    );
    expect(text(self)).toContain('You cannot approve or deny your own action request.');
    teams.bot.clock.advance(1_000);
    const approved = invokeCard(
      await teams.click(erin, ACTION_BUTTONS.approve, { action: ACTION_BUTTONS.approve, value: row.id }),
    );
    expect(text(approved)).toContain('Approved: running it now.');
    await settled(teams.bot, 'succeeded');
    expect(teams.bot.databricks.groupMemberIds('data-analysts')).toEqual([]);
    await teams.bot.idle();
    expect(text(teams.cardsTo(dana.personalChat).at(-1))).toContain('Remove standing member');
  });
});
