/**
 * Group discovery: every group of an account of `groups` groups × `members` members read through
 * the production discovery (paged `GET /Groups` with `attributes=members`, 100 groups a page, each
 * request paced by the shared SCIM read budget at `readsPerSecond`) against a fake account that
 * refuses reads beyond that rate, stored in Postgres. The time is printed against the least the
 * budget allows for the requests made: (requests − 1) / rate, the first request going at once.
 * A second run over the unchanged account shows the incremental path (nothing rewritten).
 */
import { discoverGroups } from '../src/governance/discover-groups.js';
import { loadConfig } from '../src/config/config.js';
import { AppRuntime } from '../src/runtime/app-runtime.js';
import { startFakeDatabricksAccounts } from '../test/fakes/fake-databricks-accounts.js';
import { captureLogger } from '../test/support/capture-logger.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from '../test/support/test-redis.js';
import { BENCH_ACCOUNT, cleanUp } from './bench-fixtures.js';
import { check, type BenchResult } from './report.js';

const PAGE_SIZE = 100;

export async function discoveryBench(options: {
  groups: number;
  members: number;
  readsPerSecond: number;
}): Promise<BenchResult> {
  const { groups, members, readsPerSecond } = options;
  const users = Math.max(members, groups * 5);
  const database = await createTestDatabase('bench_discovery');
  const redis = createTestRedisPrefix('bench-discovery');
  const databricks = await startFakeDatabricksAccounts({
    ...BENCH_ACCOUNT,
    readsPerSecond: Math.max(1, Math.floor(readsPerSecond)),
  });
  let runtime: AppRuntime | undefined;
  try {
    const userIds = Array.from(
      { length: users },
      (_, i) => databricks.addUser({ userName: `user${i}@example.com`, displayName: `User ${i}` }).id,
    );
    for (let g = 0; g < groups; g++) {
      const memberIds = Array.from({ length: members }, (_, m) => userIds[(g * 37 + m * 101) % users]!);
      databricks.addGroup({
        displayName: `group-${String(g).padStart(4, '0')}`,
        memberIds: [...new Set(memberIds)],
      });
    }
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      DATABRICKS_ACCOUNT_ID: BENCH_ACCOUNT.accountId,
      DATABRICKS_ACCOUNTS_HOST: databricks.url,
      DATABRICKS_CLIENT_ID: BENCH_ACCOUNT.clientId,
      DATABRICKS_CLIENT_SECRET: BENCH_ACCOUNT.clientSecret,
      SCIM_DISCOVERY_READS_PER_SECOND: String(readsPerSecond),
    });
    runtime = await AppRuntime.start({ config, log: captureLogger('warn').log, role: 'web' });
    const deps = runtime.services.governance;

    const started = performance.now();
    const first = await discoverGroups(deps);
    const firstMs = performance.now() - started;
    const reads = databricks.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Groups'));
    const refused = databricks.readsRefused;
    const times = reads.map((r) => r.at).sort((a, b) => a - b);
    const perSecond = Math.max(1, Math.floor(readsPerSecond));
    const overRate = times.some((at, i) => i >= perSecond && at - times[i - perSecond]! < 1000);
    const minimumMs = (Math.max(1, first.requests) - 1) * (1000 / readsPerSecond);
    const stored = await database.db
      .selectFrom('discovered_group_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    let accountMembers = 0;
    for (let g = 0; g < groups; g++) {
      accountMembers += databricks.groupMemberIds(`group-${String(g).padStart(4, '0')}`).length;
    }

    const againStarted = performance.now();
    const second = await discoverGroups(deps);
    const secondMs = performance.now() - againStarted;

    const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
    return {
      title: `Group discovery: ${groups} groups × ${members} members at ${readsPerSecond} SCIM reads/s`,
      lines: [
        `Pages of ${PAGE_SIZE} groups carry their members (attributes=members), so the account costs`,
        `${Math.ceil(groups / PAGE_SIZE)} list requests, not one per group; each waits for the shared read budget`,
        `(Redis; its slots keep 20% + 20 ms of slack so a rolling second never holds one read too many).`,
        '',
        `first run:   ${seconds(firstMs)} for ${first.requests} requests, ${first.groups} groups, ${first.members} memberships stored`,
        `minimum the budget allows for ${first.requests} requests: ${seconds(minimumMs)} ((requests − 1) / ${readsPerSecond} per second)`,
        `ratio first run / minimum: ${minimumMs > 0 ? (firstMs / minimumMs).toFixed(2) : 'n/a (one request)'}`,
        `(without members on the pages it would be ${groups + Math.ceil(groups / PAGE_SIZE)} requests, at least ${seconds(((groups + Math.ceil(groups / PAGE_SIZE) - 1) * 1000) / readsPerSecond)})`,
        `second run (nothing changed): ${seconds(secondMs)}, ${second.changedGroups} groups rewritten`,
        `reads refused with 429 by the fake account: ${refused}`,
      ],
      checks: [
        check(first.groups === groups, `every group discovered (${first.groups} of ${groups})`),
        check(
          Number(stored.n) === accountMembers,
          `every membership stored (${Number(stored.n)} of ${accountMembers})`,
        ),
        check(
          first.requests === Math.ceil(groups / PAGE_SIZE),
          `one request per page of ${PAGE_SIZE} groups`,
        ),
        check(refused === 0 && !overRate, `never more than ${perSecond} reads in any second`),
        check(second.changedGroups === 0, 'an unchanged account rewrites nothing'),
      ],
    };
  } finally {
    await cleanUp([
      () => runtime?.stop() ?? Promise.resolve(),
      () => databricks.close(),
      () => database.drop(),
      () => redis.clear(),
    ]);
  }
}
