/**
 * The bot as the access benchmarks run it: AppRuntime in this process (role all, system clock,
 * production job options, SCIM writes paced by the shared budget at SCIM_WRITES_PER_SECOND)
 * against a fake Databricks account that enforces 2 PATCH/s, with `people` as account users and
 * `groups` JIT groups, each approvable by one approver.
 */
import { randomUUID } from 'node:crypto';
import { findGroupPolicy } from '../src/access/policy/access-policy.js';
import { snapshotOf } from '../src/access/policy-snapshot.js';
import { loadConfig } from '../src/config/config.js';
import type { NewAccessRequestRow } from '../src/db/tables/access-requests.js';
import { AppRuntime } from '../src/runtime/app-runtime.js';
import {
  startFakeDatabricksAccounts,
  type FakeDatabricksAccounts,
} from '../test/fakes/fake-databricks-accounts.js';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackUser } from '../test/fakes/fake-slack-api.js';
import { captureLogger } from '../test/support/capture-logger.js';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from '../test/support/test-redis.js';
import {
  BENCH_ACCOUNT,
  BENCH_SIGNING_SECRET,
  benchPeople,
  cleanUp,
  writePolicyFile,
} from './bench-fixtures.js';

export const APPROVER = { id: 'U0APPROVE1', email: 'approver-1@example.com', name: 'approver1' };
export const groupKey = (g: number) => `jit${g}`;
export const groupName = (g: number) => `jit-group-${g}`;

/** The account's PATCH budget, as the fake enforces it. */
export const PATCHES_PER_SECOND = 2;
/** Members one PATCH carries at most (AccountScimClient's default). */
export const MEMBERS_PER_PATCH = 100;

function policyYaml(groups: number): string {
  const entries = Array.from(
    { length: groups },
    (_, g) => `  ${groupKey(g)}:
    databricks_group: ${groupName(g)}
    approvers:
      slack_users: [${APPROVER.id}]
    max_duration: 8h
    require_reason: false`,
  );
  return `groups:\n${entries.join('\n')}\n`;
}

export interface AccessBenchBot {
  runtime: AppRuntime;
  database: TestDatabase;
  slack: FakeSlackApi;
  databricks: FakeDatabricksAccounts;
  logs: ReturnType<typeof captureLogger>;
  people: FakeSlackUser[];
  userIds: string[];
  groupIds: string[];
  stop(): Promise<void>;
}

export async function startAccessBenchBot(options: {
  people: number;
  groups: number;
  tag: string;
  /** Whether each person is already a member of their group (grants about to end). */
  membersAlready: boolean;
}): Promise<AccessBenchBot> {
  const people = benchPeople(options.people, options.tag);
  const database = await createTestDatabase(`bench_${options.tag.toLowerCase()}`);
  const redis = createTestRedisPrefix(`bench-${options.tag.toLowerCase()}`);
  const slack = await startFakeSlackApi({ users: [APPROVER, ...people] });
  const databricks = await startFakeDatabricksAccounts({
    ...BENCH_ACCOUNT,
    patchesPerSecond: PATCHES_PER_SECOND,
  });
  const policy = await writePolicyFile(policyYaml(options.groups));
  const logs = captureLogger('info');
  let runtime: AppRuntime | undefined;
  const stop = () =>
    cleanUp([
      () => runtime?.stop() ?? Promise.resolve(),
      () => slack.close(),
      () => databricks.close(),
      () => database.drop(),
      () => redis.clear(),
      () => policy.remove(),
    ]);
  try {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
      DATABRICKS_ACCOUNT_ID: BENCH_ACCOUNT.accountId,
      DATABRICKS_ACCOUNTS_HOST: databricks.url,
      DATABRICKS_CLIENT_ID: BENCH_ACCOUNT.clientId,
      DATABRICKS_CLIENT_SECRET: BENCH_ACCOUNT.clientSecret,
      SCIM_WRITES_PER_SECOND: String(PATCHES_PER_SECOND),
      POLICY_FILE: policy.file,
    });
    runtime = await AppRuntime.start({ config, log: logs.log, role: 'all', policyRequired: true });
    const userIds = people.map((person) => databricks.addUser({ userName: person.email }).id);
    const groupIds = Array.from({ length: options.groups }, (_, g) =>
      databricks.addGroup({
        displayName: groupName(g),
        memberIds: options.membersAlready ? userIds.filter((_, i) => i % options.groups === g) : [],
      }),
    ).map((group) => group.id);
    return { runtime, database, slack, databricks, logs, people, userIds, groupIds, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The n-th person's request for group `g`, approved at `decidedAt`; callers add what differs. */
export function approvedRequestRow(
  bot: AccessBenchBot,
  index: number,
  g: number,
  decidedAt: Date,
  reason: string,
): NewAccessRequestRow {
  const group = findGroupPolicy(bot.runtime.services.access.policy, groupKey(g))!;
  const person = bot.people[index]!;
  return {
    id: randomUUID(),
    group_key: group.key,
    databricks_group: group.databricksGroup,
    requester: `slack:${person.id}`,
    requester_email: person.email,
    databricks_user_id: bot.userIds[index]!,
    duration_seconds: 7200,
    reason,
    state: 'approved',
    min_approvals: 1,
    policy: JSON.stringify(snapshotOf(group, false)),
    created_at: decidedAt,
    approval_deadline: new Date(decidedAt.getTime() + 24 * 3600_000),
    decided_at: decidedAt,
    decided_by: `slack:${APPROVER.id}`,
  };
}
