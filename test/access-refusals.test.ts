import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackAt } from './support/chat-times.js';
import { REQUEST_ACCESS_MODAL } from '../bots/slack/views/request-access-modal.js';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import {
  ACCESS_POLICY,
  PEOPLE,
  SLACK_USERS,
  latestRequest,
  replyTo,
  requestCount,
  requestFormValues,
  seedDatabricks,
  waitForState,
} from './support/access-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;

beforeEach(async () => {
  bot = await startTestBot({ policy: ACCESS_POLICY, slackUsers: SLACK_USERS });
  seedDatabricks(bot.databricks);
});
afterEach(async () => {
  await bot.stop();
});

const approvalsOf = (requestId: string) =>
  bot.db.selectFrom('access_approvals').selectAll().where('request_id', '=', requestId).execute();

/** Files a request that goes to the approvers and returns it. */
async function pendingRequest(userId: string, args: string) {
  await replyTo(bot, () => bot.command(userId, `request-access ${args}`));
  const request = (await latestRequest(bot, userId))!;
  expect(request.state).toBe('pending');
  return request;
}

describe('refused requests: a clear ephemeral reply and nothing stored', () => {
  it.each([
    {
      what: 'a duration over the group maximum',
      person: PEOPLE.requester,
      text: 'analysts 9h fix the nightly job',
      says: '9h is longer than analysts allows (at most 8h).',
    },
    {
      what: 'a missing required reason',
      person: PEOPLE.requester,
      text: 'analysts 2h',
      says: 'analysts needs a reason',
    },
    {
      what: 'an unknown group',
      person: PEOPLE.requester,
      text: 'warehouse-admins 1h fix the nightly job',
      says: 'There is no requestable group called "warehouse-admins"',
    },
    {
      what: 'a requester the policy does not allow (prod, not a platform engineer)',
      person: PEOPLE.outsider,
      text: 'prod 1h deploy the hotfix',
      says: 'You are not allowed to request prod.',
    },
    {
      what: 'malformed text (no duration where one belongs)',
      person: PEOPLE.requester,
      text: 'analysts soon fix it',
      says: '"soon" is not a duration',
    },
    {
      what: 'a Slack user with no Databricks account',
      person: PEOPLE.noAccount,
      text: 'analysts 2h fix the nightly job',
      says: `No active Databricks account user has the e-mail ${PEOPLE.noAccount.email}`,
    },
  ])('$what', async ({ person, text, says }) => {
    const reply = await replyTo(bot, () => bot.command(person.id, `request-access ${text}`));
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(reply.body.text).toContain(says);
    expect(await requestCount(bot)).toBe(0);
    expect(bot.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(bot.databricks.patches).toEqual([]);
  });

  it('the request form answers a duration over the maximum on the duration field, and stores nothing', async () => {
    const submitted = await bot.submitView(
      PEOPLE.requester.id,
      REQUEST_ACCESS_MODAL,
      requestFormValues({ group: 'analysts', durationSeconds: 12 * 3600, reason: 'fix the nightly job' }),
    );
    expect(submitted.status).toBe(200);
    expect(submitted.json).toEqual({
      response_action: 'errors',
      errors: { duration: '12h is longer than analysts allows (at most 8h).' },
    });
    expect(await requestCount(bot)).toBe(0);
    expect(bot.slack.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('refused decisions: a clear ephemeral reply and the request unchanged', () => {
  it('an approver cannot approve their own request', async () => {
    const request = await pendingRequest(PEOPLE.approver1.id, 'analysts 1h rotate the service token');

    const reply = await replyTo(bot, () =>
      bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, request.id),
    );
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(reply.body.text).toContain('You cannot approve or deny your own request.');
    expect((await latestRequest(bot, PEOPLE.approver1.id))!.state).toBe('pending');
    expect(await approvalsOf(request.id)).toEqual([]);
    expect(bot.databricks.patches).toEqual([]);
  });

  it('someone who is not an approver cannot approve', async () => {
    const request = await pendingRequest(PEOPLE.requester.id, 'analysts 1h fix the nightly job');

    const reply = await replyTo(bot, () => bot.click(PEOPLE.outsider.id, ACCESS_ACTIONS.approve, request.id));
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(reply.body.text).toContain('You are not an approver for analysts.');
    expect((await latestRequest(bot, PEOPLE.requester.id))!.state).toBe('pending');
    expect(await approvalsOf(request.id)).toEqual([]);
    expect(bot.databricks.patches).toEqual([]);
  });

  it('a click on an already decided request says who decided it and when, and changes nothing', async () => {
    const request = await pendingRequest(PEOPLE.requester.id, 'analysts 1h fix the nightly job');
    await bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, request.id);
    await waitForState(bot, request.id, 'active');
    bot.clock.advance(10 * 60_000);

    const already = `AR-${request.number} was already approved by <@${PEOPLE.approver1.id}> at ${slackAt('2026-11-23 09:00')}.`;
    const approve = await replyTo(bot, () =>
      bot.click(PEOPLE.approver2.id, ACCESS_ACTIONS.approve, request.id),
    );
    expect(approve.body).toMatchObject({ response_type: 'ephemeral' });
    expect(approve.body.text).toContain(already);
    // Deny is refused the same way, before any deny form opens.
    const deny = await replyTo(bot, () => bot.click(PEOPLE.approver2.id, ACCESS_ACTIONS.deny, request.id));
    expect(deny.body.text).toContain(already);
    expect(bot.slack.callsTo('views.open')).toEqual([]);

    expect((await latestRequest(bot, PEOPLE.requester.id))!).toMatchObject({
      state: 'active',
      decided_by: `slack:${PEOPLE.approver1.id}`,
    });
    expect((await approvalsOf(request.id)).map((approval) => approval.approver)).toEqual([
      `slack:${PEOPLE.approver1.id}`,
    ]);
    expect(bot.databricks.patches).toHaveLength(1);
  });
});
