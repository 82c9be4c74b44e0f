import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeDatabricksAccounts,
  type FakeDatabricksAccounts,
  type FakeDatabricksAccountsOptions,
} from '../../../test/fakes/fake-databricks-accounts.js';
import { DatabricksApiError } from '../../ports/databricks-account.js';
import { AccountTokenProvider, type AccountTokenProviderOptions } from './account-token-provider.js';

const ACCOUNT_ID = '0d26daa6-5e44-4c97-a497-ef015f91254a';
const CLIENT_ID = 'b2a1c3d4-sp-client';
const CLIENT_SECRET = 'dose-secret+/=value with space';
const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

let fake: FakeDatabricksAccounts | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function manualClock(start = Date.parse('2026-11-23T09:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), nowMs: () => now, advance: (ms: number) => void (now += ms) };
}

async function start(extra: Partial<FakeDatabricksAccountsOptions> = {}): Promise<FakeDatabricksAccounts> {
  fake = await startFakeDatabricksAccounts({
    accountId: ACCOUNT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...extra,
  });
  return fake;
}

function provider(server: FakeDatabricksAccounts, extra: Partial<AccountTokenProviderOptions> = {}) {
  return new AccountTokenProvider({
    accountsHost: `${server.url}/`,
    accountId: ACCOUNT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    retry: FAST_RETRY,
    ...extra,
  });
}

const tokenRequests = (server: FakeDatabricksAccounts) =>
  server.requests.filter((request) => request.path.endsWith('/v1/token'));

describe('AccountTokenProvider', () => {
  it('asks the account token endpoint for a client-credentials token with scope all-apis', async () => {
    const server = await start();
    const token = await provider(server).getToken();

    expect(token).toMatch(/^dbx-fake-/);
    expect(tokenRequests(server)).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/oidc/accounts/${ACCOUNT_ID}/v1/token`,
        body: { grant_type: 'client_credentials', scope: 'all-apis' },
        status: 200,
      }),
    ]);
  });

  it('caches the token and shares one request among 20 concurrent callers', async () => {
    const server = await start();
    const tokens = provider(server);

    const all = await Promise.all(Array.from({ length: 20 }, () => tokens.getToken()));
    expect(new Set(all).size).toBe(1);
    expect(await tokens.getToken()).toBe(all[0]);
    expect(server.tokensIssued).toBe(1);
  });

  it('refreshes when less than min(5 min, 10% of the lifetime) remains', async () => {
    const clock = manualClock();
    const server = await start({ clock, tokenTtlSeconds: 3600 });
    const tokens = provider(server, { now: clock.nowMs });

    const first = await tokens.getToken();
    clock.advance(3300_000 - 1); // 5 min and 1 ms before expiry
    expect(await tokens.getToken()).toBe(first);
    expect(server.tokensIssued).toBe(1);

    clock.advance(1);
    const second = await tokens.getToken();
    expect(second).not.toBe(first);
    expect(server.tokensIssued).toBe(2);
  });

  it('uses 10% of a short lifetime as the refresh margin', async () => {
    const clock = manualClock();
    const server = await start({ clock, tokenTtlSeconds: 60 });
    const tokens = provider(server, { now: clock.nowMs });

    const first = await tokens.getToken();
    clock.advance(53_999);
    expect(await tokens.getToken()).toBe(first);
    clock.advance(1);
    expect(await tokens.getToken()).not.toBe(first);
    expect(server.tokensIssued).toBe(2);
  });

  it('reports bad credentials as a 401 DatabricksApiError that does not reveal the secret', async () => {
    const server = await start();
    const wrongSecret = 'dose-wrong-secret-123';
    const tokens = provider(server, { clientSecret: wrongSecret });

    const error = await tokens.getToken().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DatabricksApiError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    const text = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`;
    expect(text).toContain('invalid_client');
    expect(text).not.toContain(wrongSecret);
    expect(JSON.stringify(tokens)).not.toContain(wrongSecret);
    expect(tokenRequests(server)).toHaveLength(1); // a 4xx is not retried
  });

  it('retries a token endpoint 503 and does not cache a failure', async () => {
    const server = await start();
    server.failNextTokenRequests(2, 503);
    expect(await provider(server).getToken()).toMatch(/^dbx-fake-/);
    expect(tokenRequests(server).map((request) => request.status)).toEqual([503, 503, 200]);

    const once = provider(server, { retry: { ...FAST_RETRY, maxAttempts: 1 } });
    server.failNextTokenRequests(1, 503);
    const failures = await Promise.allSettled(Array.from({ length: 5 }, () => once.getToken()));
    expect(failures.every((result) => result.status === 'rejected')).toBe(true);
    expect(failures[0]).toMatchObject({ reason: { status: 503, retryable: true } });
    expect(tokenRequests(server)).toHaveLength(4); // the five callers shared one request

    expect(await once.getToken()).toMatch(/^dbx-fake-/);
    expect(server.tokensIssued).toBe(2);
  });

  it('drops a token the API rejected, but not a newer one', async () => {
    const server = await start();
    const tokens = provider(server);
    const first = await tokens.getToken();

    tokens.invalidate(first);
    const second = await tokens.getToken();
    expect(second).not.toBe(first);

    tokens.invalidate(first); // a late 401 for the old token keeps the new one
    expect(await tokens.getToken()).toBe(second);
    expect(server.tokensIssued).toBe(2);
  });
});
