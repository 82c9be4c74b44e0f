import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  startFakeDatabricksAccounts,
  type FakeDatabricksAccounts,
  type FakeDatabricksAccountsOptions,
} from '../../../test/fakes/fake-databricks-accounts.js';
import { DatabricksApiError } from '../../ports/databricks-account.js';
import { AccountScimClient, type AccountScimClientOptions } from './account-scim-client.js';
import { AccountTokenProvider, type AccessTokenSource } from './account-token-provider.js';

const ACCOUNT_ID = '0d26daa6-5e44-4c97-a497-ef015f91254a';
const CLIENT_ID = 'b2a1c3d4-sp-client';
const CLIENT_SECRET = 'dose-secret-value';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_BASE = `/api/2.0/accounts/${ACCOUNT_ID}/scim/v2`;
const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

let fake: FakeDatabricksAccounts | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(extra: Partial<FakeDatabricksAccountsOptions> = {}): Promise<FakeDatabricksAccounts> {
  fake = await startFakeDatabricksAccounts({
    accountId: ACCOUNT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...extra,
  });
  return fake;
}

function client(server: FakeDatabricksAccounts, extra: Partial<AccountScimClientOptions> = {}) {
  const tokenProvider = new AccountTokenProvider({
    accountsHost: server.url,
    accountId: ACCOUNT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    retry: FAST_RETRY,
    ...(extra.now ? { now: extra.now } : {}),
  });
  // Fast pace unless a test is about pacing.
  return new AccountScimClient({
    accountsHost: server.url,
    accountId: ACCOUNT_ID,
    tokenProvider,
    retry: FAST_RETRY,
    patchesPerSecond: 1000,
    ...extra,
  });
}

/** A clock the test moves by hand; `sleep` advances it instead of waiting. */
function manualClock(start = Date.parse('2026-11-23T09:00:00Z')) {
  let now = start;
  const advance = (ms: number) => void (now += ms);
  return { now: () => new Date(now), nowMs: () => now, advance, sleep: async (ms: number) => advance(ms) };
}

const patchRequests = (server: FakeDatabricksAccounts) =>
  server.requests.filter((request) => request.method === 'PATCH');

async function rejection(promise: Promise<unknown>): Promise<DatabricksApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DatabricksApiError);
  return error as DatabricksApiError;
}

describe('AccountScimClient lookups', () => {
  it('finds a user by e-mail, case-insensitively, and answers undefined for an unknown one', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'Ada.Lovelace@example.com', displayName: 'Ada Lovelace' });
    const scim = client(server);

    expect(await scim.findUserByEmail('ada.lovelace@EXAMPLE.com')).toEqual({
      id: ada.id,
      userName: 'Ada.Lovelace@example.com',
      displayName: 'Ada Lovelace',
      active: true,
    });
    expect(await scim.findUserByEmail('nobody@example.com')).toBeUndefined();
    expect(server.requests.find((request) => request.path === `${SCIM_BASE}/Users`)?.query).toEqual({
      filter: 'userName eq "ada.lovelace@EXAMPLE.com"',
    });
  });

  it('escapes quotes and backslashes in the e-mail filter', async () => {
    const server = await start();
    const odd = server.addUser({ userName: 'o"neil\\x@example.com', active: false });
    server.addUser({ userName: 'oneil@example.com' });

    const found = await client(server).findUserByEmail('o"neil\\x@example.com');
    expect(found).toMatchObject({ id: odd.id, active: false });
    expect(server.requests.at(-1)?.query.filter).toBe('userName eq "o\\"neil\\\\x@example.com"');
  });

  it('finds a group by name and reads its members from the group itself', async () => {
    const server = await start();
    const [ada, bob] = [server.addUser({ userName: 'ada@x.io' }), server.addUser({ userName: 'bob@x.io' })];
    const group = server.addGroup({ displayName: 'jit-analysts', memberIds: [ada.id, bob.id] });
    server.addGroup({ displayName: 'jit-analysts-2' });
    const scim = client(server);

    expect(await scim.findGroupByName('jit-analysts')).toEqual({
      id: group.id,
      displayName: 'jit-analysts',
      memberIds: [ada.id, bob.id],
    });
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toContain(
      `GET ${SCIM_BASE}/Groups/${group.id}`,
    );
    expect(await scim.findGroupByName('no-such-group')).toBeUndefined();
    expect((await scim.findGroupByName('jit-analysts-2'))?.memberIds).toEqual([]);
  });

  it('rejects an unknown group id with a non-retryable 404', async () => {
    const server = await start();
    const error = await rejection(client(server).getGroup('404404'));
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(server.requests.filter((request) => request.path.endsWith('/404404'))).toHaveLength(1);
  });

  it('fetches a new token once when the API answers 401, then succeeds', async () => {
    const server = await start();
    server.addUser({ userName: 'ada@x.io' });
    const scim = client(server);
    await scim.findUserByEmail('ada@x.io');

    server.expireTokens();
    expect(await scim.findUserByEmail('ada@x.io')).toBeDefined();
    expect(server.tokensIssued).toBe(2);
  });

  it('gives up after one token refresh when the API keeps answering 401', async () => {
    const server = await start();
    const tokenProvider: AccessTokenSource = { getToken: async () => 'made-up', invalidate: vi.fn() };
    const scim = new AccountScimClient({ accountsHost: server.url, accountId: ACCOUNT_ID, tokenProvider });

    const error = await rejection(scim.findUserByEmail('ada@x.io'));
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(error.message).not.toContain('made-up');
    expect(tokenProvider.invalidate).toHaveBeenCalledOnce();
    expect(server.requests).toHaveLength(2);
  });
});

describe('AccountScimClient membership changes', () => {
  it('adds members in one PATCH and removes them with one operation each', async () => {
    const server = await start();
    const [ada, bob] = [server.addUser({ userName: 'ada@x.io' }), server.addUser({ userName: 'bob@x.io' })];
    const group = server.addGroup({ displayName: 'jit-analysts' });
    const scim = client(server);

    await scim.addGroupMembers(group.id, [ada.id, bob.id, ada.id]);
    expect(server.groupMemberIds(group.id)).toEqual([ada.id, bob.id]);
    await scim.removeGroupMembers(group.id, [bob.id]);
    expect(server.groupMemberIds(group.id)).toEqual([ada.id]);

    expect(patchRequests(server).map((request) => [request.path, request.body])).toEqual([
      [
        `${SCIM_BASE}/Groups/${group.id}`,
        {
          schemas: [PATCH_OP],
          Operations: [{ op: 'add', path: 'members', value: [{ value: ada.id }, { value: bob.id }] }],
        },
      ],
      [
        `${SCIM_BASE}/Groups/${group.id}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${bob.id}"]` }] },
      ],
    ]);
  });

  it('packs removals into as few PATCHes as maxOperationsPerPatch allows', async () => {
    const server = await start();
    const users = ['a', 'b', 'c', 'd', 'e'].map((name) => server.addUser({ userName: `${name}@x.io` }));
    const ids = users.map((user) => user.id);
    const group = server.addGroup({ displayName: 'g', memberIds: ids });

    await client(server, { maxOperationsPerPatch: 2 }).removeGroupMembers(group.id, ids);
    expect(server.groupMemberIds(group.id)).toEqual([]);
    expect(server.patches.map((patch) => patch.operations.length)).toEqual([2, 2, 1]);
  });

  it('sends nothing for empty id lists', async () => {
    const server = await start();
    const group = server.addGroup({ displayName: 'g' });
    const scim = client(server);
    await scim.addGroupMembers(group.id, []);
    await scim.removeGroupMembers(group.id, []);
    expect(server.requests).toEqual([]);
  });

  it('retries a 429 after the Retry-After it was given, and the change is applied', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'ada@x.io' });
    const group = server.addGroup({ displayName: 'g' });
    server.failNextPatches(1, { status: 429, retryAfter: 2 });
    const delays: number[] = [];
    const retry = { ...FAST_RETRY, maxDelayMs: 30_000, sleep: async (ms: number) => void delays.push(ms) };

    await client(server, { retry }).addGroupMembers(group.id, [ada.id]);
    expect(patchRequests(server).map((request) => request.status)).toEqual([429, 204]);
    expect(delays).toEqual([2000]);
    expect(server.groupMemberIds(group.id)).toEqual([ada.id]);
  });

  it('ends a persistent 503 with a retryable DatabricksApiError after maxAttempts', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'ada@x.io' });
    const group = server.addGroup({ displayName: 'g' });
    server.failAllPatches({ status: 503 });

    const error = await rejection(client(server).addGroupMembers(group.id, [ada.id]));
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(error.message).toContain('TEMPORARILY_UNAVAILABLE');
    expect(patchRequests(server)).toHaveLength(FAST_RETRY.maxAttempts);
    expect(server.groupMemberIds(group.id)).toEqual([]);
  });

  it('does not retry a 400, and later PATCHes still run', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'ada@x.io' });
    const group = server.addGroup({ displayName: 'g' });
    const scim = client(server);

    const error = await rejection(scim.addGroupMembers(group.id, ['999']));
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toContain('invalidValue');
    expect(patchRequests(server)).toHaveLength(1);

    await scim.addGroupMembers(group.id, [ada.id]);
    expect(server.groupMemberIds(group.id)).toEqual([ada.id]);
  });

  it('reports an unreachable host as a retryable error without status', async () => {
    const server = await start();
    const url = server.url;
    await server.close();
    fake = undefined;
    const tokenProvider: AccessTokenSource = { getToken: async () => 't', invalidate: () => undefined };
    const scim = new AccountScimClient({
      accountsHost: url,
      accountId: ACCOUNT_ID,
      tokenProvider,
      retry: FAST_RETRY,
    });

    const error = await rejection(scim.getGroup('1'));
    expect(error).toMatchObject({ status: undefined, retryable: true });
    expect(error.message).toMatch(/after 3 attempt/);
  });
});

describe('AccountScimClient PATCH pacing', () => {
  it('keeps one PATCH in flight at 2 per second in real time, with no 429, coalescing changes that wait', async () => {
    const server = await start({ patchesPerSecond: 2, patchLatencyMs: 20 });
    const users = ['a', 'b', 'c', 'd'].map((name) => server.addUser({ userName: `${name}@x.io` }));
    const group = server.addGroup({ displayName: 'g', memberIds: [users[0]!.id, users[1]!.id] });
    const scim = client(server, { patchesPerSecond: 2 });

    await Promise.all([
      scim.removeGroupMembers(group.id, [users[0]!.id]),
      scim.addGroupMembers(group.id, [users[2]!.id]),
      scim.removeGroupMembers(group.id, [users[1]!.id]),
      scim.addGroupMembers(group.id, [users[3]!.id]),
    ]);

    expect(server.maxConcurrentPatches).toBe(1);
    // The removals asked for together go out as one PATCH, the adds as another.
    expect(patchRequests(server).map((request) => request.status)).toEqual([204, 204]);
    expect(server.patches.map((patch) => patch.removed.length + patch.added.length)).toEqual([2, 2]);
    expect(server.groupMemberIds(group.id).sort()).toEqual([users[2]!.id, users[3]!.id].sort());
    const times = server.patches.map((patch) => patch.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(500);
  });

  it('serializes and coalesces 25 concurrent changes against a 2/s account on an injected clock', async () => {
    const clock = manualClock();
    const server = await start({ patchesPerSecond: 2, patchLatencyMs: 2, clock });
    const users = Array.from({ length: 25 }, (_, i) => server.addUser({ userName: `u${i}@x.io` }));
    const removed = users.filter((_, i) => i % 2 === 0).map((user) => user.id);
    const added = users.filter((_, i) => i % 2 === 1).map((user) => user.id);
    const group = server.addGroup({ displayName: 'g', memberIds: removed });
    const scim = client(server, {
      patchesPerSecond: 2,
      now: clock.nowMs,
      sleep: clock.sleep,
      retry: { ...FAST_RETRY, sleep: clock.sleep, now: clock.nowMs },
    });

    await Promise.all(
      users.map((user, i) =>
        i % 2 === 0
          ? scim.removeGroupMembers(group.id, [user.id])
          : scim.addGroupMembers(group.id, [user.id]),
      ),
    );

    expect(server.maxConcurrentPatches).toBe(1);
    expect(patchRequests(server)).toHaveLength(2);
    expect(server.patches.map((patch) => [patch.removed.length, patch.added.length])).toEqual([
      [13, 0],
      [0, 12],
    ]);
    expect(patchRequests(server).filter((request) => request.status === 429)).toEqual([]);
    expect(server.groupMemberIds(group.id).sort()).toEqual([...added].sort());
    const times = server.patches.map((patch) => patch.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(500);
  });

  it('sends changes asked for while a PATCH is in flight together in the next one, in order', async () => {
    const server = await start({ patchesPerSecond: 2, patchLatencyMs: 20 });
    const users = Array.from({ length: 6 }, (_, i) => server.addUser({ userName: `w${i}@x.io` }));
    const group = server.addGroup({ displayName: 'g' });
    const scim = client(server, { patchesPerSecond: 2 });

    const first = scim.addGroupMembers(group.id, [users[0]!.id]);
    await server.waitFor((request) => request.method === 'PATCH');
    const rest = users.slice(1).map((user) => scim.addGroupMembers(group.id, [user.id]));
    await Promise.all([first, ...rest]);

    expect(server.patches.map((patch) => patch.added.length)).toEqual([1, 5]);
    expect(server.groupMemberIds(group.id)).toHaveLength(6);
  });

  it('takes members when the write slot comes: changes asked for while a PATCH waits for its slot go with it', async () => {
    const server = await start({ patchesPerSecond: 2 });
    const users = Array.from({ length: 4 }, (_, i) => server.addUser({ userName: `s${i}@x.io` }));
    const group = server.addGroup({ displayName: 'g' });
    const scim = client(server, { patchesPerSecond: 2 });

    const first = scim.addGroupMembers(group.id, [users[0]!.id]);
    await server.waitFor((request) => request.method === 'PATCH');
    // The next PATCH is queued now, and waits about half a second for its slot.
    const second = scim.addGroupMembers(group.id, [users[1]!.id]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const late = users.slice(2).map((user) => scim.addGroupMembers(group.id, [user.id]));
    await Promise.all([first, second, ...late]);

    expect(server.patches.map((patch) => patch.added.length)).toEqual([1, 3]);
  });

  it("sends members past one PATCH's cap after the other groups' turns", async () => {
    const server = await start({ patchesPerSecond: 20 });
    const users = Array.from({ length: 5 }, (_, i) => server.addUser({ userName: `c${i}@x.io` }));
    const big = server.addGroup({ displayName: 'big', memberIds: users.map((user) => user.id) });
    const small = server.addGroup({ displayName: 'small', memberIds: [users[0]!.id] });
    const scim = client(server, { patchesPerSecond: 20, maxOperationsPerPatch: 2 });

    await Promise.all([
      scim.removeGroupMembers(
        big.id,
        users.map((user) => user.id),
      ),
      scim.removeGroupMembers(small.id, [users[0]!.id]),
    ]);

    expect(server.patches.map((patch) => [patch.groupId, patch.removed.length])).toEqual([
      [big.id, 2],
      [small.id, 1],
      [big.id, 2],
      [big.id, 1],
    ]);
    expect(server.groupMemberIds(big.id)).toEqual([]);
  });
});
