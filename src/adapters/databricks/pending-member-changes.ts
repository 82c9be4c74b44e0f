/**
 * Member changes waiting to be written, per key (one kind of change to one group). Callers join
 * a key's pending set and wait; the writer takes members out when its write slot has come (not
 * before: whoever joins while the write waits for its slot still goes out with it), at most so
 * many per write, and settles each caller once every member it asked for was written, or at the
 * first write of its members that failed.
 */
interface Waiter {
  /** Members of this caller not yet written. */
  outstanding: Set<string>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Pending {
  userIds: Set<string>;
  waiters: Set<Waiter>;
}

/** Members taken for one write, and how to settle their callers once it is over. */
export interface TakenMembers {
  userIds: string[];
  written(): void;
  failed(error: unknown): void;
}

export class PendingMemberChanges {
  readonly #pending = new Map<string, Pending>();

  /** Adds members to `key`'s pending set; settles once they were written. */
  join(key: string, userIds: readonly string[]): Promise<void> {
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = { userIds: new Set(), waiters: new Set() };
      this.#pending.set(key, pending);
    }
    const target = pending;
    for (const id of userIds) target.userIds.add(id);
    return new Promise<void>((resolve, reject) => {
      target.waiters.add({ outstanding: new Set(userIds), resolve, reject });
    });
  }

  /** Whether members of `key` are still waiting to be taken. */
  waiting(key: string): boolean {
    return (this.#pending.get(key)?.userIds.size ?? 0) > 0;
  }

  /** Takes up to `max` members of `key`, oldest first. */
  take(key: string, max: number): TakenMembers {
    const pending = this.#pending.get(key);
    const userIds: string[] = [];
    if (pending) {
      for (const id of pending.userIds) {
        if (userIds.length === max) break;
        userIds.push(id);
      }
      for (const id of userIds) pending.userIds.delete(id);
    }
    const taken = new Set(userIds);
    const waiters = pending
      ? [...pending.waiters].filter((w) => [...w.outstanding].some((id) => taken.has(id)))
      : [];
    return {
      userIds,
      written: () => {
        for (const waiter of waiters) {
          for (const id of taken) waiter.outstanding.delete(id);
          if (waiter.outstanding.size > 0) continue;
          pending?.waiters.delete(waiter);
          waiter.resolve();
        }
        this.#forgetIfSettled(key);
      },
      failed: (error) => {
        for (const waiter of waiters) this.#reject(key, waiter, error);
        this.#forgetIfSettled(key);
      },
    };
  }

  /** Fails every caller of `key` (the write could not even be tried). */
  failAll(key: string, error: unknown): void {
    const pending = this.#pending.get(key);
    this.#pending.delete(key);
    for (const waiter of pending?.waiters ?? []) waiter.reject(error);
  }

  /** A failed caller's members nobody else waits for are not written any more. */
  #reject(key: string, waiter: Waiter, error: unknown): void {
    const pending = this.#pending.get(key);
    if (!pending?.waiters.delete(waiter)) return;
    for (const id of waiter.outstanding) {
      if (![...pending.waiters].some((other) => other.outstanding.has(id))) pending.userIds.delete(id);
    }
    waiter.reject(error);
  }

  #forgetIfSettled(key: string): void {
    const pending = this.#pending.get(key);
    if (pending && pending.userIds.size === 0 && pending.waiters.size === 0) this.#pending.delete(key);
  }
}
