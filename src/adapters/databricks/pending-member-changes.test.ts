import { describe, expect, it } from 'vitest';
import { PendingMemberChanges } from './pending-member-changes.js';

const settled = async (promise: Promise<void>) => {
  let state = 'pending';
  promise.then(
    () => (state = 'written'),
    () => (state = 'failed'),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('PendingMemberChanges', () => {
  it('settles a caller once every member it asked for was written, across capped writes', async () => {
    const changes = new PendingMemberChanges();
    const both = changes.join('k', ['a', 'b', 'c']);
    const one = changes.join('k', ['a']);

    const first = changes.take('k', 2);
    expect(first.userIds).toEqual(['a', 'b']);
    first.written();
    expect(await settled(one)).toBe('written');
    expect(await settled(both)).toBe('pending');
    expect(changes.waiting('k')).toBe(true);

    const second = changes.take('k', 2);
    expect(second.userIds).toEqual(['c']);
    second.written();
    expect(await settled(both)).toBe('written');
    expect(changes.waiting('k')).toBe(false);
  });

  it('fails the callers of a failed write and drops their other members nobody else waits for', async () => {
    const changes = new PendingMemberChanges();
    const failing = changes.join('k', ['a', 'b']);
    const other = changes.join('k', ['b', 'c']);
    failing.catch(() => {});

    const taken = changes.take('k', 1);
    expect(taken.userIds).toEqual(['a']);
    taken.failed(new Error('HTTP 500'));
    await expect(failing).rejects.toThrow('HTTP 500');
    expect(await settled(other)).toBe('pending');

    // b is still wanted by the other caller; the failed caller's a was in the failed write.
    const next = changes.take('k', 10);
    expect(next.userIds).toEqual(['b', 'c']);
    next.written();
    expect(await settled(other)).toBe('written');
  });

  it('fails everyone waiting on a key when its write could not be tried', async () => {
    const changes = new PendingMemberChanges();
    const waiting = changes.join('k', ['a']);
    changes.failAll('k', new Error('no token'));
    await expect(waiting).rejects.toThrow('no token');
    expect(changes.waiting('k')).toBe(false);
  });
});
