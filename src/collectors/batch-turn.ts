/** Where a batch's rows are once it is prepared, before it commits. */
export type Placement = 'in-table' | 'staged';

/** The keys of a batch's rows (a Set, or the Map of its rows by key). */
export interface BatchKeys {
  readonly size: number;
  has(key: string): boolean;
  keys(): Iterable<string>;
}

/**
 * What a batch being written tells the batch after it: its rows' keys, as soon as its write
 * starts, and where its rows are once it is prepared. Not told of a batch whose preparation
 * failed (its successor's `ready` rejects instead).
 */
export class BatchProgress {
  #keys: BatchKeys | undefined;
  #place!: (placement: Placement) => void;
  readonly placement = new Promise<Placement>((resolve) => (this.#place = resolve));

  /** Nothing before the first batch of a read: no keys, nothing left to merge. */
  static none(): BatchProgress {
    const progress = new BatchProgress();
    progress.tellKeys(new Set());
    progress.tellPlaced('in-table');
    return progress;
  }

  /** The keys of the batch's rows; undefined until its write starts, and once it is done. */
  get keys(): BatchKeys | undefined {
    return this.#keys;
  }

  tellKeys(keys: BatchKeys): void {
    this.#keys = keys;
  }

  /** The batch is written or failed: its keys (which may hold its rows) are no longer kept. */
  tellDone(): void {
    this.#keys = undefined;
  }

  tellPlaced(placement: Placement): void {
    this.#place(placement);
  }
}

/**
 * A batch's place among the batches of one read, when they are written overlapping (see
 * collect-table.ts): it commits only after the batch before it, and its preparation never takes
 * what that batch may still wait for, so neither waits for the other in Postgres while the
 * other waits for it here.
 */
export interface BatchTurn {
  /** Resolves once the batch before has committed; rejects when this batch must not commit. */
  ready: Promise<void>;
  /** The batch before, as it tells of itself. */
  before: BatchProgress;
  /** Where this batch tells of itself. */
  progress: BatchProgress;
}

/**
 * Whether a batch with `keys` may put its rows straight into the table while the batch before
 * has not committed: when no key is in both (the two touch different index entries), or when
 * the batch before put its rows in already and has nothing left to merge. A batch before that
 * is still to merge one of these keys would wait for this batch's insert of it, while this
 * batch waits for it to commit.
 */
export async function mayGoStraightIn(turn: BatchTurn | undefined, keys: BatchKeys): Promise<boolean> {
  if (!turn) return true;
  const before = turn.before.keys;
  if (before !== undefined && disjoint(before, keys)) return true;
  const committed = turn.ready.then(() => 'committed' as const);
  committed.catch(() => undefined); // the writer awaits `ready` itself
  return (await Promise.race([turn.before.placement, committed])) !== 'staged';
}

function disjoint(a: BatchKeys, b: BatchKeys): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const key of small.keys()) if (large.has(key)) return false;
  return true;
}
