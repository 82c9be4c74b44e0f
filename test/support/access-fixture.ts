import { randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import { ACCESS_ACTIONS } from '../../src/access/access-messages.js';
import { DEFAULT_SLACK_IDENTITY } from '../fakes/fake-slack-api.js';
import type { FakeDatabricksAccounts } from '../fakes/fake-databricks-accounts.js';
import type { FakeSlackUser } from '../fakes/fake-slack-users.js';
import { postSlack, TEST_VERIFICATION_TOKEN } from './slack-requests.js';
import { SIGNING_SECRET, type TestBot } from './test-bot.js';

/** People in the fake Slack workspace; all but NO_ACCOUNT also exist in the Databricks account. */
export const PEOPLE = {
  requester: { id: 'U0REQUEST1', email: 'alice@example.com', name: 'alice' },
  approver1: { id: 'U0APPROVE1', email: 'bob@example.com', name: 'bob' },
  approver2: { id: 'U0APPROVE2', email: 'carol@example.com', name: 'carol' },
  outsider: { id: 'U0OUTSIDE1', email: 'mallory@example.com', name: 'mallory' },
  admin: { id: 'U0ADMIN001', email: 'admin@example.com', name: 'admin' },
  noAccount: { id: 'U0NOACCT01', email: 'nobody@example.com', name: 'nobody' },
} satisfies Record<string, FakeSlackUser>;

export const APPROVAL_CHANNEL = 'C0APPROVALS';

export const ACCESS_POLICY = `
integration_owners:
  slack_users: [U0ADMIN001]
groups:
  analysts:
    databricks_group: data-analysts
    description: Analytics schemas
    approvers:
      slack_users: [U0APPROVE1, U0APPROVE2]
      slack_channel: ${APPROVAL_CHANNEL}
    max_duration: 8h
    default_duration: 2h
    require_reason: true
  prod:
    databricks_group: prod-admins
    requesters:
      databricks_groups: [platform-engineers]
    approvers:
      slack_users: [U0APPROVE1, U0APPROVE2]
    min_approvals: 2
    max_duration: 4h
    default_duration: 1h
  sandbox:
    databricks_group: sandbox-users
    approvers:
      slack_users: [U0APPROVE1]
    max_duration: 4h
    default_duration: 30m
    require_reason: false
    approval_timeout: 1h
    auto_approve:
      - max_duration: 1h
`;

export const SLACK_USERS: FakeSlackUser[] = Object.values(PEOPLE);

/** Seeds the Databricks account: users (ids returned by name) and the groups the policy names. */
export function seedDatabricks(databricks: FakeDatabricksAccounts) {
  const ids: Record<keyof typeof PEOPLE, string> = {} as never;
  for (const [key, person] of Object.entries(PEOPLE)) {
    if (key === 'noAccount') continue;
    ids[key as keyof typeof PEOPLE] = databricks.addUser({
      userName: person.email,
      displayName: person.name,
    }).id;
  }
  const groups = {
    analysts: databricks.addGroup({ displayName: 'data-analysts' }).id,
    prod: databricks.addGroup({ displayName: 'prod-admins' }).id,
    sandbox: databricks.addGroup({ displayName: 'sandbox-users' }).id,
    platform: databricks.addGroup({ displayName: 'platform-engineers', memberIds: [ids.approver1] }).id,
  };
  return { userIds: ids, groupIds: groups };
}

/** The request form as Slack submits it. */
export function requestFormValues(input: {
  group: string;
  durationSeconds: number;
  reason?: string;
  ticket?: string;
}) {
  return {
    group: {
      group: {
        type: 'external_select',
        selected_option: { value: input.group, text: { type: 'plain_text', text: input.group } },
      },
    },
    duration: {
      duration: {
        type: 'static_select',
        selected_option: { value: String(input.durationSeconds), text: { type: 'plain_text', text: 'x' } },
      },
    },
    reason: { reason: { type: 'plain_text_input', value: input.reason ?? null } },
    ticket: { ticket: { type: 'url_text_input', value: input.ticket ?? null } },
  };
}

/** The newest request row of a requester. */
export async function latestRequest(bot: TestBot, slackUserId: string) {
  return bot.db
    .selectFrom('access_requests')
    .selectAll()
    .where('requester', '=', `slack:${slackUserId}`)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
}

/** Waits until the request reaches `state` (jobs run on the real workers). */
export async function waitForState(bot: TestBot, requestId: string, state: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await bot.db
      .selectFrom('access_requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    if (row.state === state) {
      await bot.idle();
      return row;
    }
    if (Date.now() > deadline)
      throw new Error(`request ${requestId} is ${row.state}, not ${state}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Everything the bot said to Slack (posts, updates, replies) as one searchable string. */
export function everythingSaid(bot: TestBot): string {
  return JSON.stringify([bot.slack.calls.map((c) => c.params), bot.slack.responses.map((r) => r.body)]);
}

/** How many access requests are stored (refusals must leave none behind). */
export async function requestCount(bot: TestBot): Promise<number> {
  const row = await bot.db
    .selectFrom('access_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Runs one Slack interaction and returns the response_url reply it caused (bounded wait). */
export async function replyTo(bot: TestBot, interaction: () => Promise<unknown>, timeoutMs = 5_000) {
  const earlier = new Set(bot.slack.responses);
  await interaction();
  return bot.slack.waitForResponse((response) => !earlier.has(response), timeoutMs);
}

/**
 * Makes a person a direct member of a Databricks group through the account SCIM API, as an
 * admin would outside the bot. It is one recorded PATCH on that group: count the patches of the
 * group under test, not all of them.
 */
export async function addDatabricksMember(bot: TestBot, groupId: string, userId: string): Promise<void> {
  await bot.services.access.databricks.addGroupMembers(groupId, [userId]);
}

/** Runs a Slack interaction and returns what the bot answered on its response_url meanwhile. */
export async function repliesTo(bot: TestBot, interaction: () => Promise<unknown>): Promise<string> {
  const before = bot.slack.responses.length;
  await interaction();
  return JSON.stringify(bot.slack.responses.slice(before).map((response) => response.body));
}

/** `/databricks request-access <args>` from a user; returns the id of the pending request it filed. */
export async function fileRequest(bot: TestBot, userId: string, args: string): Promise<string> {
  const reply = await repliesTo(bot, () => bot.command(userId, `request-access ${args}`));
  const number = /AR-(\d+): your request/.exec(reply)?.[1];
  const row = number
    ? await bot.db
        .selectFrom('access_requests')
        .select('id')
        .where('number', '=', Number(number))
        .executeTakeFirst()
    : undefined;
  if (!row) throw new Error(`"request-access ${args}" filed no request; the bot answered ${reply}`);
  return row.id;
}

/** Files a request, has an approver click Approve, and waits until the grant is active. */
export async function grantAccess(
  bot: TestBot,
  userId: string,
  args: string,
  approverId: string = PEOPLE.approver1.id,
) {
  const id = await fileRequest(bot, userId, args);
  await bot.click(approverId, ACCESS_ACTIONS.approve, id);
  return waitForState(bot, id, 'active');
}

/** Every message the bot posted to a user's DM (or a channel), as one searchable string. */
export function saidTo(bot: TestBot, channelOrUser: string): string {
  return JSON.stringify(
    bot.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.params.channel === channelOrUser)
      .map((call) => call.params),
  );
}

/** Every copy of a request's approval card as it reads now (after any chat.update). */
export async function approvalCards(bot: TestBot, requestId: string): Promise<string[]> {
  const posted = await bot.db
    .selectFrom('posted_messages')
    .select(['channel', 'message_id'])
    .where('subject_type', '=', 'access_request')
    .where('subject_id', '=', requestId)
    .where('purpose', 'in', ['approval', 'approval-channel'])
    .execute();
  return posted.map((p) => JSON.stringify(bot.slack.message(p.channel, p.message_id)?.blocks ?? null));
}

/** SCIM PATCHes the fake answered, in order, as `status` (to see failures next to successes). */
export function patchStatuses(bot: TestBot): number[] {
  return bot.databricks.requests.filter((r) => r.method === 'PATCH').map((r) => r.status);
}

/** The user opens the bot's App Home tab (a signed `app_home_opened` event); returns the published view. */
export async function openAppHome(bot: TestBot, userId: string) {
  const seen = new Set(bot.slack.callsTo('views.publish'));
  const { teamId, appId, botUserId } = DEFAULT_SLACK_IDENTITY;
  const body = JSON.stringify({
    token: TEST_VERIFICATION_TOKEN,
    team_id: teamId,
    api_app_id: appId,
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: botUserId, is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'app_home_opened',
      user: userId,
      channel: bot.slack.dmChannelFor(userId),
      tab: 'home',
      event_ts: (Date.now() / 1000).toFixed(6),
    },
  });
  const reply = await postSlack(`${bot.url}/slack/events`, body, { signingSecret: SIGNING_SECRET });
  if (reply.status !== 200) throw new Error(`app_home_opened answered HTTP ${reply.status}: ${reply.text}`);
  const call = await bot.slack.waitForCall(
    'views.publish',
    (c) => !seen.has(c) && c.params.user_id === userId,
  );
  return JSON.stringify(call.params.view);
}

/**
 * Retries an assertion until it holds (bounded, polling): chat messages are delivered by jobs,
 * so what a person sees arrives a moment after the state change that caused it.
 */
export function eventually<T>(assertion: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  return vi.waitFor(assertion, { timeout: timeoutMs, interval: 25 });
}
