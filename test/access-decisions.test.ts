import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackAt } from './support/chat-times.js';
import { DENY_MODAL } from '../bots/slack/views/request-access-modal.js';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import { auditTrailOf } from '../src/audit/record-audit-event.js';
import type { RecordedSlackCall } from './fakes/fake-slack-api.js';
import {
  ACCESS_POLICY,
  APPROVAL_CHANNEL,
  PEOPLE,
  SLACK_USERS,
  addDatabricksMember,
  latestRequest,
  replyTo,
  seedDatabricks,
  waitForState,
} from './support/access-fixture.js';
import { HOUR, MINUTE } from './support/manual-clock.js';
import { blockActionsBody, newTriggerId, postSlack } from './support/slack-requests.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;
let seeded: ReturnType<typeof seedDatabricks>;

beforeEach(async () => {
  bot = await startTestBot({ policy: ACCESS_POLICY, slackUsers: SLACK_USERS });
  seeded = seedDatabricks(bot.databricks);
});
afterEach(async () => {
  await bot.stop();
});

const postsTo = (channelOrUser: string) =>
  bot.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === channelOrUser);

const dmsTo = (userId: string) => JSON.stringify(postsTo(userId).map((call) => call.params));

/** Each posted approval card as it reads now, after every chat.update. */
const cardsNow = (cards: RecordedSlackCall[]) =>
  cards.map((card) =>
    JSON.stringify(bot.slack.message(card.response.channel as string, card.response.ts as string)!.blocks),
  );

/** `/databricks request-access <text>`: the stored request and the ephemeral reply. */
async function fileRequest(userId: string, text: string) {
  const reply = await replyTo(bot, () => bot.command(userId, `request-access ${text}`));
  const request = (await latestRequest(bot, userId))!;
  return { reply, request };
}

/** A button click whose trigger id the test knows, to follow it into views.open. */
async function clickWithTrigger(userId: string, actionId: string, value: string) {
  const triggerId = newTriggerId();
  const body = blockActionsBody({
    userId,
    actions: [{ action_id: actionId, value }],
    triggerId,
    responseUrl: bot.slack.responseUrl(`act-${triggerId}`),
  });
  const http = await postSlack(`${bot.url}/slack/events`, body, { signingSecret: SIGNING_SECRET });
  return { http, triggerId };
}

const approvalCount = async (requestId: string) =>
  (
    await bot.db
      .selectFrom('access_approvals')
      .select('approver')
      .where('request_id', '=', requestId)
      .execute()
  ).length;

describe('deciding access requests through Slack', () => {
  it('an inline request-access files a pending request, cards reach the approvers, the requester gets an ephemeral confirmation', async () => {
    const { reply, request } = await fileRequest(PEOPLE.requester.id, 'analysts 2h fix the nightly job');

    expect(request).toMatchObject({
      state: 'pending',
      group_key: 'analysts',
      duration_seconds: 2 * 3600,
      reason: 'fix the nightly job',
      requester_email: PEOPLE.requester.email,
      databricks_user_id: seeded.userIds.requester,
    });
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(reply.body.text).toContain(
      `AR-${request.number}: your request for analysts for 2h was sent to the approvers`,
    );
    expect(reply.body.text).not.toContain(request.id);

    // The approvers are mentioned in the approval channel's one card; no DM copies on top.
    const cards = [
      ...postsTo(PEOPLE.approver1.id),
      ...postsTo(PEOPLE.approver2.id),
      ...postsTo(APPROVAL_CHANNEL),
    ];
    expect(cards).toHaveLength(1);
    for (const card of cardsNow(cards)) {
      expect(card).toContain(ACCESS_ACTIONS.approve);
      expect(card).toContain(ACCESS_ACTIONS.deny);
      expect(card).toContain('fix the nightly job');
      expect(card).toContain(`<@${PEOPLE.requester.id}>`);
    }
    // One confirmation (the reply above), no DM repeating it.
    expect(dmsTo(PEOPLE.requester.id)).not.toContain('was sent to the approvers');
    expect(bot.databricks.patches).toEqual([]);
  });

  it('Deny opens a modal for the reason; submitting it denies, tells the requester why, and removes every button', async () => {
    const { request } = await fileRequest(PEOPLE.requester.id, 'analysts 2h fix the nightly job');
    const cards = [
      ...postsTo(PEOPLE.approver1.id),
      ...postsTo(PEOPLE.approver2.id),
      ...postsTo(APPROVAL_CHANNEL),
    ];

    const { triggerId } = await clickWithTrigger(PEOPLE.approver1.id, ACCESS_ACTIONS.deny, request.id);
    const opened = bot.slack.callsTo('views.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.response.ok).toBe(true);
    expect(opened[0]!.params).toMatchObject({
      trigger_id: triggerId,
      view: { callback_id: DENY_MODAL, private_metadata: request.id },
    });
    // Opening the form decides nothing yet.
    expect((await latestRequest(bot, PEOPLE.requester.id))!.state).toBe('pending');

    const submitted = await bot.submitView(
      PEOPLE.approver1.id,
      DENY_MODAL,
      { reason: { reason: 'use the staging copy instead' } },
      request.id,
    );
    expect(submitted.status).toBe(200);
    const denied = await waitForState(bot, request.id, 'denied');
    expect(denied).toMatchObject({
      decided_by: `slack:${PEOPLE.approver1.id}`,
      deny_reason: 'use the staging copy instead',
    });

    const dms = dmsTo(PEOPLE.requester.id);
    expect(dms).toContain(`denied by <@${PEOPLE.approver1.id}>`);
    expect(dms).toContain('Reason: use the staging copy instead');
    for (const card of cardsNow(cards)) {
      expect(card).toContain(
        `Denied by <@${PEOPLE.approver1.id}> at ${slackAt('2026-11-23 09:00')}: use the staging copy instead`,
      );
      expect(card).not.toContain(ACCESS_ACTIONS.approve);
      expect(card).not.toContain(ACCESS_ACTIONS.deny);
    }

    expect(bot.databricks.patches).toEqual([]);
    expect(bot.databricks.groupMemberIds('data-analysts')).toEqual([]);
    const trail = (await auditTrailOf(bot.db, 'access_request', request.id)).map((event) => event.action);
    expect(trail).toEqual(['access.requested', 'access.denied']);
  });

  it('sandbox auto-approves up to 1h without a click; a longer request waits for an approver', async () => {
    const short = await fileRequest(PEOPLE.requester.id, 'sandbox 30m');
    expect(short.reply.body.text).toContain('approved automatically');
    const active = await waitForState(bot, short.request.id, 'active');
    expect(active).toMatchObject({ auto_approved: true, decided_by: 'system:auto-approve' });
    expect(active.ends_at!.getTime() - active.starts_at!.getTime()).toBe(30 * MINUTE);
    expect(bot.databricks.patches).toHaveLength(1);
    expect(bot.databricks.patches[0]).toMatchObject({
      groupId: seeded.groupIds.sandbox,
      added: [seeded.userIds.requester],
    });
    expect(bot.databricks.groupMemberIds('sandbox-users')).toEqual([seeded.userIds.requester]);
    // Nobody was asked to approve it.
    expect(postsTo(PEOPLE.approver1.id)).toEqual([]);
    const trail = await auditTrailOf(bot.db, 'access_request', short.request.id);
    expect(trail.map((event) => [event.action, event.actor])).toEqual([
      ['access.requested', `slack:${PEOPLE.requester.id}`],
      ['access.approved', 'system:auto-approve'],
      ['access.granted', 'system'],
    ]);

    const long = await fileRequest(PEOPLE.outsider.id, 'sandbox 2h');
    expect(long.reply.body.text).toContain('sent to the approvers');
    expect(long.request).toMatchObject({
      state: 'pending',
      auto_approved: false,
      duration_seconds: 2 * 3600,
    });
    expect(JSON.stringify(postsTo(PEOPLE.approver1.id).map((c) => c.params))).toContain(
      ACCESS_ACTIONS.approve,
    );
    expect(bot.databricks.patches).toHaveLength(1);
  });

  it('min_approvals 2 needs two distinct approvers: the first is recorded, a repeat is refused, the second grants', async () => {
    // The requester is a platform engineer, so the policy lets them ask for prod.
    await addDatabricksMember(bot, seeded.groupIds.platform, seeded.userIds.requester);
    const prodPatches = () =>
      bot.databricks.patches.filter((patch) => patch.groupId === seeded.groupIds.prod);
    const { request } = await fileRequest(PEOPLE.requester.id, 'prod 1h deploy the hotfix');
    expect(request).toMatchObject({ state: 'pending', min_approvals: 2 });
    const cards = [...postsTo(PEOPLE.approver1.id), ...postsTo(PEOPLE.approver2.id)];
    expect(cards).toHaveLength(2);

    const first = await replyTo(bot, () =>
      bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, request.id),
    );
    expect(first.body).toMatchObject({ response_type: 'ephemeral' });
    expect(first.body.text).toContain('Approval recorded: 1 of 2. It needs another approver.');
    expect((await latestRequest(bot, PEOPLE.requester.id))!.state).toBe('pending');
    for (const card of cardsNow(cards)) {
      expect(card).toContain(`1 of 2 approvals: <@${PEOPLE.approver1.id}> at ${slackAt('2026-11-23 09:00')}`);
      expect(card).toContain(ACCESS_ACTIONS.approve);
    }

    bot.clock.advance(5 * MINUTE);
    const again = await replyTo(bot, () =>
      bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, request.id),
    );
    expect(again.body.text).toContain(
      `You already approved this request at ${slackAt('2026-11-23 09:00')}; it needs another approver.`,
    );
    expect((await latestRequest(bot, PEOPLE.requester.id))!.state).toBe('pending');
    expect(await approvalCount(request.id)).toBe(1);
    expect(prodPatches()).toEqual([]);

    await bot.click(PEOPLE.approver2.id, ACCESS_ACTIONS.approve, request.id);
    const active = await waitForState(bot, request.id, 'active');
    expect(active.decided_by).toBe(`slack:${PEOPLE.approver2.id}`);
    expect(active.ends_at!.getTime() - active.starts_at!.getTime()).toBe(HOUR);
    expect(prodPatches()).toHaveLength(1);
    expect(prodPatches()[0]).toMatchObject({ added: [seeded.userIds.requester], removed: [] });
    expect(bot.databricks.groupMemberIds('prod-admins')).toEqual([seeded.userIds.requester]);
    for (const card of cardsNow(cards)) {
      expect(card).toContain(`Approved by <@${PEOPLE.approver2.id}>`);
      expect(card).not.toContain(ACCESS_ACTIONS.approve);
    }
    const trail = (await auditTrailOf(bot.db, 'access_request', request.id)).map((event) => event.action);
    expect(trail).toEqual([
      'access.requested',
      'access.approval_recorded',
      'access.approved',
      'access.granted',
    ]);
  });

  it('20 concurrent Approve clicks from both approvers make one decision, one SCIM add and one grant', async () => {
    const { request } = await fileRequest(
      PEOPLE.requester.id,
      'analysts 1h investigate the failing dashboard',
    );
    const clickers = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? PEOPLE.approver1 : PEOPLE.approver2,
    );
    const earlier = new Set(bot.slack.responses);

    const answers = await Promise.all(
      clickers.map((person) => bot.click(person.id, ACCESS_ACTIONS.approve, request.id)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(clickers.map(() => 200));

    const active = await waitForState(bot, request.id, 'active');
    expect(bot.databricks.patches).toHaveLength(1);
    expect(bot.databricks.patches[0]).toMatchObject({
      groupId: seeded.groupIds.analysts,
      added: [seeded.userIds.requester],
    });
    const grants = await bot.db
      .selectFrom('access_requests')
      .select('id')
      .where('state', '=', 'active')
      .execute();
    expect(grants).toEqual([{ id: request.id }]);
    const trail = (await auditTrailOf(bot.db, 'access_request', request.id)).map((event) => event.action);
    expect(trail.filter((action) => action === 'access.approved')).toHaveLength(1);
    expect(await approvalCount(request.id)).toBe(1);

    // Every click was answered before its HTTP reply: the winner silently, each loser with who won.
    const replies = bot.slack.responses.filter((response) => !earlier.has(response));
    expect(replies).toHaveLength(19);
    for (const reply of replies) {
      expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
      expect(reply.body.text).toContain(`already approved by <@${active.decided_by!.replace('slack:', '')}>`);
    }
  });
});
