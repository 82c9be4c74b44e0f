import type { FakeDatabricksAccounts } from '../fakes/fake-databricks-accounts.js';
import type { FakeSlackUser } from '../fakes/fake-slack-users.js';
import type { TestBot } from './test-bot.js';

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
    if (row.state === state) return row;
    if (Date.now() > deadline)
      throw new Error(`request ${requestId} is ${row.state}, not ${state}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Everything the bot said to Slack (posts, updates, replies) as one searchable string. */
export function everythingSaid(bot: TestBot): string {
  return JSON.stringify([bot.slack.calls.map((c) => c.params), bot.slack.responses.map((r) => r.body)]);
}
