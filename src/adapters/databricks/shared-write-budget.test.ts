import { Redis } from 'ioredis';
import { afterAll, afterEach, expect, it } from 'vitest';
import {
  startFakeDatabricksAccounts,
  type FakeDatabricksAccounts,
} from '../../../test/fakes/fake-databricks-accounts.js';
import { captureLogger } from '../../../test/support/capture-logger.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from '../../../test/support/test-redis.js';
import { AccountScimClient } from './account-scim-client.js';
import { AccountTokenProvider } from './account-token-provider.js';
import { SharedWriteBudget, writeWindow } from './shared-write-budget.js';

const ACCOUNT_ID = '0d26daa6-5e44-4c97-a497-ef015f91254a';
const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 1_500 };
const prefix = createTestRedisPrefix('budget');
const redis = new Redis(TEST_REDIS_URL);
let fake: FakeDatabricksAccounts | undefined;

afterEach(async () => {
  await fake?.close();
});
afterAll(async () => {
  await prefix.clear();
  redis.disconnect();
});

/** A replica of the bot: its own SCIM client and its own view of the shared budget. */
function replica(server: FakeDatabricksAccounts, key: string) {
  return new AccountScimClient({
    accountsHost: server.url,
    accountId: ACCOUNT_ID,
    tokenProvider: new AccountTokenProvider({
      accountsHost: server.url,
      accountId: ACCOUNT_ID,
      clientId: 'sp',
      clientSecret: 'sp-secret',
      retry: FAST_RETRY,
    }),
    retry: FAST_RETRY,
    writePacer: new SharedWriteBudget({ redis, key, writesPerSecond: 2, log: captureLogger('warn').log }),
  });
}

it('three replicas together stay within 2 PATCH/s: no 429 from a 2/s account', async () => {
  fake = await startFakeDatabricksAccounts({
    accountId: ACCOUNT_ID,
    clientId: 'sp',
    clientSecret: 'sp-secret',
    patchesPerSecond: 2,
  });
  const key = `${prefix.prefix}:scim-writes:a`;
  const users = Array.from({ length: 6 }, (_, i) => fake!.addUser({ userName: `r${i}@x.io` }));
  const groups = Array.from({ length: 6 }, (_, i) => fake!.addGroup({ displayName: `g${i}` }));
  const replicas = [replica(fake, key), replica(fake, key), replica(fake, key)];

  // Six groups, so nothing coalesces: six PATCHes from three processes at once.
  await Promise.all(groups.map((group, i) => replicas[i % 3]!.addGroupMembers(group.id, [users[i]!.id])));

  const patches = fake.requests.filter((request) => request.method === 'PATCH');
  expect(patches.map((request) => request.status)).toEqual(Array(6).fill(204));
  const times = fake.patches.map((patch) => patch.at).sort((a, b) => a - b);
  for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 2]!).toBeGreaterThan(1000);
});

it("a 429's Retry-After holds every replica", async () => {
  fake = await startFakeDatabricksAccounts({
    accountId: ACCOUNT_ID,
    clientId: 'sp',
    clientSecret: 'sp-secret',
  });
  const key = `${prefix.prefix}:scim-writes:b`;
  const [user1, user2] = [fake.addUser({ userName: 'h1@x.io' }), fake.addUser({ userName: 'h2@x.io' })];
  const [group1, group2] = [fake.addGroup({ displayName: 'h1' }), fake.addGroup({ displayName: 'h2' })];
  const [first, second] = [replica(fake, key), replica(fake, key)];
  fake.failNextPatches(1, { status: 429, retryAfter: 1 });

  await first.addGroupMembers(group1.id, [user1.id]);
  const refusedAt = fake.requests.find((request) => request.status === 429)!.at;
  await second.addGroupMembers(group2.id, [user2.id]);

  const secondAt = fake.patches.find((patch) => patch.groupId === group2.id)!.at;
  expect(secondAt - refusedAt).toBeGreaterThanOrEqual(950);
});

it('counts a write from its answer: a slow write keeps its place until a window after it ended', async () => {
  const key = `${prefix.prefix}:scim-writes:c`;
  const budgets = [0, 1].map(
    () => new SharedWriteBudget({ redis, key, writesPerSecond: 2, log: captureLogger('warn').log }),
  );
  const spans: { start: number; end: number }[] = [];
  const write = (ms: number) => async () => {
    const span = { start: Date.now(), end: 0 };
    await new Promise((resolve) => setTimeout(resolve, ms));
    span.end = Date.now();
    spans.push(span);
  };

  // Two replicas, four writes at once; the first two are slow (400 ms in flight).
  await Promise.all([
    budgets[0]!.paced(write(400)),
    budgets[1]!.paced(write(400)),
    budgets[0]!.paced(write(10)),
    budgets[1]!.paced(write(10)),
  ]);

  spans.sort((a, b) => a.start - b.start);
  // Any write starts at least a second after the answer of the write two before it.
  for (let i = 2; i < spans.length; i++)
    expect(spans[i]!.start - spans[i - 2]!.end).toBeGreaterThanOrEqual(1000);
});

it('uses the full rate: 2/s is two writes in any 1,010 ms, 0.5/s one in 2,010 ms', () => {
  expect(writeWindow(2)).toEqual({ limit: 2, windowMs: 1010 });
  expect(writeWindow(0.5)).toEqual({ limit: 1, windowMs: 2010 });
});
