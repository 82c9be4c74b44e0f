import type { CollectorRunStatus, CollectorRunTrigger } from '../db/tables/collector-state.js';
import type { ConnectorHealth } from '../db/tables/connectors.js';
import type { WorkspaceApi } from '../ports/databricks-workspace.js';
import { collectTables } from './collect-tables.js';
import { errorMessage, type CollectionOutcome, type TableOutcome } from './collection-outcome.js';
import type { CollectorDeps } from './collector-deps.js';
import { finishRun, startRun } from './collector-runs.js';
import { evaluateRegionHealth } from './evaluate-region-health.js';
import { PostgresSink } from './postgres-sink.js';
import { withRegionLock } from './region-lock.js';
import { loadRegionTarget, type RegionTarget } from './region-target.js';
import { SYSTEM_TABLE_CATALOG } from './system-table-catalog.js';
import type { SystemTableSpec } from './system-table-spec.js';
import { usageDatesCollectedSince } from './touched-usage-dates.js';

export interface CollectRegionOptions {
  trigger?: CollectorRunTrigger;
  /** Stops the run between batches; what was stored stays, with its checkpoints. */
  signal?: AbortSignal;
  onBatchStored?: (table: SystemTableSpec, rows: number) => void;
}

export type CollectRegionResult =
  | { status: 'skipped'; reason: string }
  | {
      status: CollectorRunStatus;
      runId: string;
      health: ConnectorHealth;
      summary: string;
      tables: TableOutcome[];
      error?: string;
    };

/**
 * One collection run of a region: under the region's lock, reads every system table into
 * Postgres (each batch with its checkpoint), records the run, works out the region's health and
 * hands it to the connector domain. A run already in progress elsewhere makes this one a no-op.
 */
export async function collectRegion(
  deps: CollectorDeps,
  regionId: string,
  options: CollectRegionOptions = {},
): Promise<CollectRegionResult> {
  const target = await loadRegionTarget(deps.db, deps.secrets, regionId);
  if (target.mode === 'remote' && options.trigger !== 'manual') {
    return { status: 'skipped', reason: 'a remote collector sends this region’s data' };
  }
  const locked = await withRegionLock(deps.db, regionId, () => collectLocked(deps, target, options));
  if (!locked.acquired) return { status: 'skipped', reason: 'a run of this region is already in progress' };
  return locked.result;
}

async function collectLocked(deps: CollectorDeps, target: RegionTarget, options: CollectRegionOptions) {
  const { db, clock } = deps;
  const log = deps.log.child({ regionId: target.regionId, region: target.region });
  const tables = deps.settings.tables ?? SYSTEM_TABLE_CATALOG;
  const { id: runId, abandonedSince } = await startRun(
    db,
    target.regionId,
    options.trigger ?? 'schedule',
    clock.now(),
  );
  log.info({ runId }, 'collector run started');
  const outcome = await collectFromWarehouse(deps, target, tables, options, log);
  const status = await finishRun(db, { id: runId, regionId: target.regionId }, outcome, clock.now());
  const health = await evaluateRegionHealth(db, target, tables, clock.now());
  try {
    await deps.recordRegionHealth(target.regionId, health);
  } catch (error) {
    log.error({ err: error, runId }, 'could not record region health');
  }
  const touched = new Set(outcome.touchedUsageDates);
  if (abandonedSince) {
    for (const day of await usageDatesCollectedSince(db, target.regionId, abandonedSince)) touched.add(day);
  }
  // Told after every run, even one without new billing rows: alert rules also read node
  // utilisation, warehouse events and query history, and are evaluated after each run.
  await deps.usageListener.afterCollectorRun(target.regionId, [...touched].sort());
  const totals = outcome.tables.reduce((sum, t) => sum + t.written, 0);
  log.info({ runId, status, health: health.health, rowsWritten: totals }, 'collector run finished');
  return {
    status,
    runId,
    health: health.health,
    summary: health.detail.summary,
    tables: outcome.tables,
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}

async function collectFromWarehouse(
  deps: CollectorDeps,
  target: RegionTarget,
  tables: readonly SystemTableSpec[],
  options: CollectRegionOptions,
  log: CollectorDeps['log'],
): Promise<CollectionOutcome> {
  if (!target.warehouseId) {
    return { failure: 'warehouse', error: 'No SQL warehouse is chosen for this region.', ...nothingRead };
  }
  let api: WorkspaceApi | undefined;
  try {
    api = deps.workspaces.connect(target.connection);
    return await collectTables({
      api,
      warehouseId: target.warehouseId,
      tables,
      sink: new PostgresSink(deps.db, target.regionId, deps.clock),
      now: () => deps.clock.now(),
      batchSize: deps.settings.batchSize,
      ...(deps.settings.overlapMs ? { overlapMs: deps.settings.overlapMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onBatchStored ? { onBatchStored: options.onBatchStored } : {}),
      log,
    });
  } catch (error) {
    log.error({ err: error }, 'collector run failed');
    return { failure: 'warehouse', error: errorMessage(error), ...nothingRead };
  } finally {
    await api?.close().catch(() => undefined);
  }
}

const nothingRead = { aborted: false, tables: [], touchedUsageDates: [] };
