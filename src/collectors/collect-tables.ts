import type { Logger } from '../logging/logger.js';
import type { WorkspaceApi } from '../ports/databricks-workspace.js';
import { collectTable, noRows } from './collect-table.js';
import {
  errorMessage,
  isUnavailable,
  tokenFailure,
  type CollectionOutcome,
  type TableOutcome,
} from './collection-outcome.js';
import type { CollectorSink } from './collector-sink.js';
import type { SystemTableSpec } from './system-table-spec.js';

export interface CollectTablesInput {
  api: WorkspaceApi;
  warehouseId: string;
  tables: readonly SystemTableSpec[];
  sink: CollectorSink;
  now: () => Date;
  batchSize: number;
  /** Overlap per table name, replacing the table's default. */
  overlapMs?: Readonly<Record<string, number>>;
  signal?: AbortSignal;
  log: Logger;
  onBatchStored?: (table: SystemTableSpec, rows: number) => void;
}

/**
 * Reads every table into the sink, one after the other. First the credentials and the warehouse
 * are checked (a failure there fails the whole run); then a failing table is recorded and the
 * next one read, and an optional table the principal may not read is marked unavailable.
 */
export async function collectTables(input: CollectTablesInput): Promise<CollectionOutcome> {
  const { api, log } = input;
  try {
    await api.token();
  } catch (error) {
    return { failure: tokenFailure(error), error: errorMessage(error), ...nothing() };
  }
  try {
    await api.streamQuery(input.warehouseId, 'SELECT 1 AS ok', { batchSize: 1, onBatch: async () => {} });
  } catch (error) {
    return { failure: 'warehouse', error: errorMessage(error), ...nothing() };
  }
  const checkpoints = await input.sink.checkpoints();
  const tables: TableOutcome[] = [];
  const touched = new Set<string>();
  const ended = (aborted: boolean) => ({ aborted, tables, touchedUsageDates: [...touched].sort() });
  for (const table of input.tables) {
    if (input.signal?.aborted) return ended(true);
    const counts = noRows();
    const outcome = () => ({ table: table.name, required: table.required, ...counts });
    try {
      const overlapMs = input.overlapMs?.[table.name];
      await collectTable(
        {
          api,
          warehouseId: input.warehouseId,
          table,
          sink: input.sink,
          checkpoint: checkpoints.get(table.name) ?? null,
          now: input.now(),
          batchSize: input.batchSize,
          ...(overlapMs === undefined ? {} : { overlapMs }),
          ...(input.signal ? { signal: input.signal } : {}),
          ...(input.onBatchStored ? { onBatchStored: input.onBatchStored } : {}),
          onTouchedDates: (dates) => dates.forEach((date) => touched.add(date)),
        },
        counts,
      );
      tables.push({ ...outcome(), status: 'collected' });
      if (counts.skipped > 0)
        log.warn({ table: table.name, skipped: counts.skipped }, 'rows without a key skipped');
    } catch (error) {
      if (input.signal?.aborted) {
        tables.push({ ...outcome(), status: 'failed', error: 'aborted' });
        return ended(true);
      }
      const unavailable = !table.required && isUnavailable(error);
      tables.push({
        ...outcome(),
        status: unavailable ? 'unavailable' : 'failed',
        error: errorMessage(error),
      });
      if (!unavailable) log.warn({ table: table.name, err: error }, 'collecting a system table failed');
    }
  }
  return ended(false);
}

const nothing = () => ({ aborted: false, tables: [], touchedUsageDates: [] });
