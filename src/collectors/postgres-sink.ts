import type { Db } from '../db/database.js';
import type { Clock } from '../ports/clock.js';
import type { CollectedRow } from './collected-row.js';
import type { CollectorSink } from './collector-sink.js';
import type { SystemTableSpec } from './system-table-spec.js';
import type { BatchTurn } from './batch-turn.js';
import { writeBatch, type BatchResult } from './write-batch.js';

/** Writes one region's batches straight into Postgres. */
export class PostgresSink implements CollectorSink {
  constructor(
    private readonly db: Db,
    private readonly regionId: string,
    private readonly clock: Clock,
  ) {}

  async checkpoints(): Promise<Map<string, Date | null>> {
    return readCheckpoints(this.db, this.regionId);
  }

  write(
    table: SystemTableSpec,
    rows: CollectedRow[],
    checkpoint: Date | null,
    turn?: BatchTurn,
  ): Promise<BatchResult> {
    return writeBatch(
      this.db,
      { regionId: this.regionId, table, rows, checkpoint, at: this.clock.now() },
      turn,
    );
  }
}

export async function readCheckpoints(db: Db, regionId: string): Promise<Map<string, Date | null>> {
  const rows = await db
    .selectFrom('collector_checkpoints')
    .select(['table_name', 'cursor'])
    .where('region_id', '=', regionId)
    .execute();
  return new Map(rows.map((row) => [row.table_name, row.cursor]));
}
