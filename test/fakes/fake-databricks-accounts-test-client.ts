/** Plain-fetch helpers for the fake Databricks accounts server's own tests. */
import type { Clock } from '../../src/ports/clock.js';
import {
  startFakeDatabricksAccounts,
  type FakeDatabricksAccounts,
  type FakeDatabricksAccountsOptions,
} from './fake-databricks-accounts.js';

export const ACCOUNT_ID = '0d26daa6-5e44-4c97-a497-ef015f91254a';
export const CLIENT_ID = 'b2a1c3d4-sp-client';
export const CLIENT_SECRET = 'dose-secret+/=value';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const started: FakeDatabricksAccounts[] = [];

export async function start(
  extra: Partial<FakeDatabricksAccountsOptions> = {},
): Promise<FakeDatabricksAccounts> {
  const fake = await startFakeDatabricksAccounts({
    accountId: ACCOUNT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...extra,
  });
  started.push(fake);
  return fake;
}

/** For afterEach: closes every fake started by this file's tests. */
export async function closeStarted(): Promise<void> {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
}

/** A clock the test moves by hand. */
export function manualClock(
  start = Date.parse('2026-11-23T09:00:00Z'),
): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

export function requestToken(
  server: FakeDatabricksAccounts,
  { id = CLIENT_ID, secret = CLIENT_SECRET, form = 'grant_type=client_credentials&scope=all-apis' } = {},
): Promise<Response> {
  return fetch(`${server.url}/oidc/accounts/${ACCOUNT_ID}/v1/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: form,
  });
}

export async function token(server: FakeDatabricksAccounts): Promise<string> {
  const response = await requestToken(server);
  if (response.status !== 200) throw new Error(`token request answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A call to the account SCIM API; a fresh token unless `bearer` is given (null: none). */
export async function scim(
  server: FakeDatabricksAccounts,
  path: string,
  init: { method?: string; body?: unknown; bearer?: string | null; accountId?: string } = {},
): Promise<Response> {
  const bearer = init.bearer === undefined ? await token(server) : init.bearer;
  return fetch(`${server.url}/api/2.0/accounts/${init.accountId ?? ACCOUNT_ID}/scim/v2/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(bearer === null ? {} : { Authorization: `Bearer ${bearer}` }),
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

export function addMember(memberId: string) {
  return { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: memberId }] }] };
}

export function removeMember(memberId: string) {
  return { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${memberId}"]` }] };
}
