import { afterEach, describe, expect, it } from 'vitest';
import {
  CLIENT_SECRET,
  addMember,
  closeStarted,
  manualClock,
  requestToken,
  scim,
  start,
  token,
} from './fake-databricks-accounts-test-client.js';

afterEach(closeStarted);

describe('fake Databricks accounts: OAuth M2M', () => {
  it('issues a bearer token for the service principal', async () => {
    const server = await start({ tokenTtlSeconds: 1800 });
    const response = await requestToken(server);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 1800, scope: 'all-apis' });
    expect(body.access_token).toEqual(expect.any(String));
    expect(server.tokensIssued).toBe(1);
    expect(JSON.stringify(server.requests)).not.toContain(CLIENT_SECRET);
  });

  it('rejects bad credentials with invalid_client and a wrong grant type with 400', async () => {
    const server = await start();
    const wrongSecret = await requestToken(server, { secret: 'nope' });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({
      error: 'invalid_client',
      error_description: expect.any(String),
    });

    const wrongGrant = await requestToken(server, { form: 'grant_type=password&scope=all-apis' });
    expect(wrongGrant.status).toBe(400);
    expect(await wrongGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    expect(server.tokensIssued).toBe(0);
  });

  it('fails the next token requests on demand', async () => {
    const server = await start();
    server.failNextTokenRequests(1, 503);
    expect((await requestToken(server)).status).toBe(503);
    expect((await requestToken(server)).status).toBe(200);
    expect(server.tokensIssued).toBe(1);
  });
});

describe('fake Databricks accounts: authorization', () => {
  it('answers 401 without a token, with an unknown token or an expired one', async () => {
    const clock = manualClock();
    const server = await start({ clock, tokenTtlSeconds: 60 });
    const missing = await scim(server, 'Users', { bearer: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({
      error_code: 'UNAUTHENTICATED',
      message: expect.any(String),
    });
    expect((await scim(server, 'Users', { bearer: 'made-up' })).status).toBe(401);

    const bearer = await token(server);
    expect((await scim(server, 'Users', { bearer })).status).toBe(200);
    clock.advance(60_000);
    expect((await scim(server, 'Users', { bearer })).status).toBe(401);

    const fresh = await token(server);
    server.expireTokens();
    const expired = await scim(server, 'Users', { bearer: fresh });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ message: 'Token is expired.' });
  });

  it('answers unknown account endpoints with 404 ENDPOINT_NOT_FOUND once authenticated', async () => {
    const server = await start();
    expect((await scim(server, 'ServicePrincipals', { bearer: null })).status).toBe(401);
    const response = await scim(server, 'ServicePrincipals');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error_code: 'ENDPOINT_NOT_FOUND' });
  });

  it('answers 403 for another account id', async () => {
    const server = await start();
    const response = await scim(server, 'Users', { accountId: 'another-account' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error_code: 'PERMISSION_DENIED' });
  });
});

describe('fake Databricks accounts: SCIM users and groups', () => {
  it('finds a user by e-mail, case-insensitively, as a SCIM ListResponse', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'Ada.Lovelace@example.com', displayName: 'Ada Lovelace' });
    server.addUser({ userName: 'grace@example.com' });
    expect(ada.id).toMatch(/^\d{16}$/);

    const response = await scim(
      server,
      `Users?filter=${encodeURIComponent('userName eq "ada.lovelace@EXAMPLE.com"')}`,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [
        {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          id: ada.id,
          userName: 'Ada.Lovelace@example.com',
          displayName: 'Ada Lovelace',
          emails: [{ value: 'Ada.Lovelace@example.com', type: 'work', primary: true }],
          active: true,
        },
      ],
    });

    const nobody = await scim(
      server,
      `Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`,
    );
    expect(await nobody.json()).toMatchObject({ totalResults: 0, itemsPerPage: 0 });
    expect((await scim(server, `Users/${ada.id}`)).status).toBe(200);
    expect((await scim(server, 'Users/123')).status).toBe(404);
  });

  it('pages with startIndex and count', async () => {
    const server = await start();
    for (const name of ['a', 'b', 'c']) server.addUser({ userName: `${name}@example.com` });
    const page = (await (await scim(server, 'Users?startIndex=2&count=1')).json()) as Record<string, unknown>;
    expect(page).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(page.Resources).toEqual([expect.objectContaining({ userName: 'b@example.com' })]);
  });

  it('lists groups by name without members and returns members on GET by id', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'ada@example.com', displayName: 'Ada' });
    const group = server.addGroup({ displayName: 'jit-analysts', memberIds: [ada.id] });
    const list = await scim(server, `Groups?filter=${encodeURIComponent('displayName eq "jit-analysts"')}`);
    const listed = (await list.json()) as { Resources: Record<string, unknown>[] };
    expect(listed.Resources).toEqual([
      expect.objectContaining({ id: group.id, displayName: 'jit-analysts' }),
    ]);
    expect(listed.Resources[0]).not.toHaveProperty('members');

    const got = await (await scim(server, `Groups/${group.id}`)).json();
    expect(got).toMatchObject({ members: [{ value: ada.id, display: 'Ada', $ref: `Users/${ada.id}` }] });
  });
});

describe('fake Databricks accounts: recording', () => {
  it('waits for a future request and records it without credentials', async () => {
    const server = await start();
    const group = server.addGroup({ displayName: 'g' });
    const ada = server.addUser({ userName: 'ada@example.com' });
    const seen = server.waitFor((r) => r.method === 'PATCH' && r.path.endsWith(`/Groups/${group.id}`));
    await scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(ada.id) });
    const patch = await seen;
    expect(patch).toMatchObject({ status: 204, body: addMember(ada.id) });
    expect(JSON.stringify(server.requests)).not.toMatch(/Bearer|dbx-fake-|Basic /);

    server.reset();
    expect(server.requests).toEqual([]);
    expect(server.tokensIssued).toBe(0);
  });

  it('rejects waitFor with a readable message after the timeout', async () => {
    const server = await start();
    await scim(server, 'Users');
    await expect(server.waitFor((r) => r.method === 'DELETE', 50)).rejects.toThrow(
      /no matching request within 50 ms.*GET \/api\/2\.0\/accounts\/.*\/scim\/v2\/Users -> 200/,
    );
  });
});
