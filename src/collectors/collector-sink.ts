import type { CollectedRow } from './collected-row.js';
import type { SystemTableSpec } from './system-table-spec.js';
import type { BatchTurn } from './batch-turn.js';
import type { BatchResult } from './write-batch.js';

/**
 * Where a collector puts what it reads: Postgres directly (postgres-sink.ts), or the bot's
 * ingest API when the collector runs in the customer's network (remote-sink.ts). Either way a
 * batch and the checkpoint it reaches are stored together.
 */
export interface CollectorSink {
  /** The stored cursor of every table collected before (absent: never). */
  checkpoints(): Promise<Map<string, Date | null>>;
  /**
   * Stores a batch with its checkpoint. With a `turn`, the batch is stored only after
   * `turn.ready` resolves (the previous batch is stored) and not at all if it rejects: the write
   * may prepare meanwhile (see `BatchTurn`), but batches are stored in the order they were read.
   */
  write(
    table: SystemTableSpec,
    rows: CollectedRow[],
    checkpoint: Date | null,
    turn?: BatchTurn,
  ): Promise<BatchResult>;
}
