import { afterEach, describe, expect, it } from 'vitest';
import {
  PATCH_OP,
  addMember,
  closeStarted,
  manualClock,
  removeMember,
  scim,
  start,
  token,
} from './fake-databricks-accounts-test-client.js';

afterEach(closeStarted);

describe('fake Databricks accounts: membership PATCH', () => {
  it('adds then removes a member with PatchOp and answers 204', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'ada@example.com' });
    const group = server.addGroup({ displayName: 'jit-analysts' });

    const added = await scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(ada.id) });
    expect(added.status).toBe(204);
    expect(await added.text()).toBe('');
    expect(server.groupMemberIds('jit-analysts')).toEqual([ada.id]);

    const removed = await scim(server, `Groups/${group.id}`, { method: 'PATCH', body: removeMember(ada.id) });
    expect(removed.status).toBe(204);
    expect(server.groupMemberIds(group.id)).toEqual([]);
    expect(server.patches).toEqual([
      expect.objectContaining({ groupId: group.id, added: [ada.id], removed: [] }),
      expect.objectContaining({ groupId: group.id, added: [], removed: [ada.id] }),
    ]);
  });

  it('accepts several operations and op names in any case', async () => {
    const server = await start();
    const [ada, bob] = [server.addUser({ userName: 'ada@x.io' }), server.addUser({ userName: 'bob@x.io' })];
    const group = server.addGroup({ displayName: 'g', memberIds: [ada.id] });
    const body = {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Add', path: 'members', value: [{ value: bob.id }] },
        { op: 'REMOVE', path: `members[value eq "${ada.id}"]` },
      ],
    };
    expect((await scim(server, `Groups/${group.id}`, { method: 'PATCH', body })).status).toBe(204);
    expect(server.groupMemberIds(group.id)).toEqual([bob.id]);
  });

  it('answers 200 with the group when configured to', async () => {
    const server = await start({ patchSuccessStatus: 200 });
    const ada = server.addUser({ userName: 'ada@example.com' });
    const group = server.addGroup({ displayName: 'g' });
    const response = await scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(ada.id) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: group.id, members: [{ value: ada.id }] });
  });

  it.each([
    [
      'a wrong schema',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], Operations: [] },
      'invalidSyntax',
    ],
    [
      'an unknown op',
      { schemas: [PATCH_OP], Operations: [{ op: 'merge', path: 'members' }] },
      'invalidSyntax',
    ],
    [
      'an unsupported path',
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'displayName', value: 'x' }] },
      'invalidPath',
    ],
    [
      'a bare id as value',
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: '42' }] },
      'invalidSyntax',
    ],
    ['an unknown member id', addMember('999'), 'invalidValue'],
  ])('rejects %s with a SCIM 400 and changes nothing', async (_label, body, scimType) => {
    const server = await start();
    const ada = server.addUser({ userName: 'ada@example.com' });
    const group = server.addGroup({ displayName: 'g', memberIds: [ada.id] });
    const response = await scim(server, `Groups/${group.id}`, { method: 'PATCH', body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType,
      detail: expect.any(String),
    });
    expect(server.groupMemberIds(group.id)).toEqual([ada.id]);
    expect(server.patches).toEqual([]);
  });

  it('answers 404 for an unknown group', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'ada@example.com' });
    const response = await scim(server, 'Groups/404404', { method: 'PATCH', body: addMember(ada.id) });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: '404' });
  });
});

describe('fake Databricks accounts: throttling and faults', () => {
  it('limits PATCHes to patchesPerSecond in a rolling second with 429 + Retry-After', async () => {
    const clock = manualClock();
    const server = await start({ patchesPerSecond: 2, clock });
    const users = ['a', 'b', 'c', 'd'].map((name) => server.addUser({ userName: `${name}@example.com` }));
    const group = server.addGroup({ displayName: 'g' });
    const bearer = await token(server);
    const patch = (id: string) =>
      scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(id), bearer });

    expect((await patch(users[0]!.id)).status).toBe(204);
    expect((await patch(users[1]!.id)).status).toBe(204);
    const throttled = await patch(users[2]!.id);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(await throttled.json()).toMatchObject({ error_code: 'REQUEST_LIMIT_EXCEEDED' });
    expect(server.groupMemberIds(group.id)).toEqual([users[0]!.id, users[1]!.id]);

    clock.advance(1000);
    expect((await patch(users[3]!.id)).status).toBe(204);
    expect(server.patches).toHaveLength(3);
  });

  it('fails the next PATCHes as told, then behaves normally', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'ada@example.com' });
    const group = server.addGroup({ displayName: 'g' });
    server.failNextPatches(1, { status: 429, retryAfter: 3 });
    server.failNextPatches(1, { status: 503 });

    const first = await scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(ada.id) });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(
      (await scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(ada.id) })).status,
    ).toBe(503);
    expect(server.groupMemberIds(group.id)).toEqual([]);
    expect(
      (await scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(ada.id) })).status,
    ).toBe(204);
    expect(server.groupMemberIds(group.id)).toEqual([ada.id]);
  });

  it('fails every PATCH until told to stop', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'ada@example.com' });
    const group = server.addGroup({ displayName: 'g' });
    server.failAllPatches({ status: 500 });
    for (let i = 0; i < 3; i++) {
      expect(
        (await scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(ada.id) })).status,
      ).toBe(500);
    }
    server.stopFailing();
    expect(
      (await scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(ada.id) })).status,
    ).toBe(204);
  });

  it('tracks the highest number of PATCHes in flight', async () => {
    const server = await start({ patchLatencyMs: 50 });
    const [ada, bob] = [server.addUser({ userName: 'ada@x.io' }), server.addUser({ userName: 'bob@x.io' })];
    const group = server.addGroup({ displayName: 'g' });
    const bearer = await token(server);
    const patch = (id: string) =>
      scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(id), bearer });

    await patch(ada.id);
    expect(server.maxConcurrentPatches).toBe(1);
    await Promise.all([patch(ada.id), patch(bob.id)]);
    expect(server.maxConcurrentPatches).toBe(2);
  });

  it('records adds of existing members and runs the applied hook before answering', async () => {
    const server = await start();
    const ada = server.addUser({ userName: 'ada@example.com' });
    const group = server.addGroup({ displayName: 'g', memberIds: [ada.id] });
    const seen: string[] = [];
    server.onPatchApplied((patch) => {
      seen.push(`${patch.alreadyMembers.join()} in ${server.groupMemberIds(group.id).join()}`);
    });
    expect(
      (await scim(server, `Groups/${group.id}`, { method: 'PATCH', body: addMember(ada.id) })).status,
    ).toBe(204);
    expect(seen).toEqual([`${ada.id} in ${ada.id}`]);
    expect(server.patches[0]).toMatchObject({ added: [], alreadyMembers: [ada.id] });
  });

  it('delays user reads when told to', async () => {
    const server = await start();
    server.addUser({ userName: 'ada@example.com' });
    server.delayUserReads(300);
    const started = Date.now();
    expect((await scim(server, 'Users')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
