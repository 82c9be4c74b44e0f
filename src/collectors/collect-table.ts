import type { WorkspaceApi } from '../ports/databricks-workspace.js';
import { normalizeRow, type CollectedRow } from './collected-row.js';
import { collectorQuery } from './collector-query.js';
import type { CollectorSink } from './collector-sink.js';
import type { SystemTableSpec } from './system-table-spec.js';
import { BatchProgress, type BatchTurn } from './batch-turn.js';
import { batchCursor } from './write-batch.js';

export interface CollectTableInput {
  api: WorkspaceApi;
  warehouseId: string;
  table: SystemTableSpec;
  sink: CollectorSink;
  checkpoint: Date | null;
  now: Date;
  batchSize: number;
  overlapMs?: number;
  /** Stops the read between batches (what was stored stays stored, with its checkpoint). */
  signal?: AbortSignal;
  /** Told after each stored batch (progress, tests). */
  onBatchStored?: (table: SystemTableSpec, rows: number) => void;
  /** Told the touched dates of each stored batch (see `SystemTableSpec.touchedDateColumn`). */
  onTouchedDates?: (dates: readonly string[]) => void;
}

export interface TableCounts {
  read: number;
  written: number;
  skipped: number;
}

export const noRows = (): TableCounts => ({ read: 0, written: 0, skipped: 0 });

/**
 * Streams one table from the warehouse into the sink, batch by batch. Each batch is stored with
 * the checkpoint it reaches, in order. Reading, and writing two batches overlap: while one batch
 * commits, the next is already being written (staged, committing only after it) and the driver
 * fetches the one after, so memory holds at most three batches. `counts` keeps what was stored
 * even when the table fails part-way.
 */
export async function collectTable(input: CollectTableInput, counts = noRows()): Promise<TableCounts> {
  const { table, sink, signal } = input;
  const query = collectorQuery(table, {
    checkpoint: input.checkpoint,
    now: input.now,
    ...(input.overlapMs === undefined ? {} : { overlapMs: input.overlapMs }),
  });
  signal?.throwIfAborted();
  /** The newest batch being stored, and the one before it. */
  let writing: Promise<void> = Promise.resolve();
  let previous: Promise<void> = Promise.resolve();
  /** What the newest batch tells of itself (nothing before the first). */
  let before = BatchProgress.none();
  const store = async (rows: CollectedRow[], turn: BatchTurn) => {
    const result = await sink.write(table, rows, batchCursor(table, rows), turn);
    counts.read += rows.length;
    counts.written += result.written;
    counts.skipped += result.skipped;
    if (result.touchedDates.length > 0) input.onTouchedDates?.(result.touchedDates);
    input.onBatchStored?.(table, rows.length);
  };
  const reading = input.api.streamQuery(input.warehouseId, query.statement, {
    batchSize: input.batchSize,
    parameters: query.parameters,
    // Structs and maps are stored as jsonb: their text goes to Postgres as it came.
    complexTypesAsJsonText: true,
    onBatch: async (raw) => {
      await previous; // at most two batches are being stored (a failure ends the read here)
      signal?.throwIfAborted();
      const rows = raw.map((row) => normalizeRow(table, row));
      // This batch commits after the one before it, and not at all once the run was stopped.
      const ready = writing.then(() => signal?.throwIfAborted());
      ready.catch(() => undefined); // the sink observes it
      const turn: BatchTurn = { ready, before, progress: new BatchProgress() };
      before = turn.progress;
      previous = writing;
      writing = store(rows, turn);
      writing.catch(() => undefined); // observed by the next batches or after the read
    },
  });
  try {
    await (signal ? untilAborted(reading, signal) : reading);
  } catch (error) {
    await writing.catch(() => undefined); // the batch in flight commits or not; nothing runs on
    throw error;
  }
  await writing;
  return counts;
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts (a statement may wait a long time
 * for its first rows). Nothing is stored after that: the next batch sees the signal and throws.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => undefined);
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
