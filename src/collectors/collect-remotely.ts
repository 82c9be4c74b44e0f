import type { Logger } from '../logging/logger.js';
import type { WorkspaceApi } from '../ports/databricks-workspace.js';
import { collectTables } from './collect-tables.js';
import type { CollectionOutcome } from './collection-outcome.js';
import { RemoteSink, type IngestApi } from './remote-sink.js';
import { SYSTEM_TABLE_CATALOG } from './system-table-catalog.js';
import type { SystemTableSpec } from './system-table-spec.js';

export interface CollectRemotelyInput {
  api: WorkspaceApi;
  warehouseId: string;
  ingest: IngestApi;
  batchSize: number;
  log: Logger;
  signal?: AbortSignal;
  tables?: readonly SystemTableSpec[];
  now?: () => Date;
}

/**
 * One run of a remote collector (`collect --connection-string`): the same table reads as a direct
 * run, batches pushed to the bot, and the run's outcome reported at the end so the bot records
 * it and updates the region's health. A run that cannot reach the bot fails like a table would.
 */
export async function collectRemotely(
  input: CollectRemotelyInput,
): Promise<{ outcome: CollectionOutcome; reported: unknown }> {
  const now = input.now ?? (() => new Date());
  const startedAt = now();
  const outcome = await collectTables({
    api: input.api,
    warehouseId: input.warehouseId,
    tables: input.tables ?? SYSTEM_TABLE_CATALOG,
    sink: new RemoteSink(input.ingest),
    now,
    batchSize: input.batchSize,
    log: input.log,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const reported = await input.ingest.finishRun({
    startedAt: startedAt.toISOString(),
    aborted: outcome.aborted,
    ...(outcome.failure ? { failure: outcome.failure } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    tables: outcome.tables,
  });
  return { outcome, reported };
}
