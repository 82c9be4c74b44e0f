import type { Db } from '../db/database.js';
import { latestCompletedRun } from './collector-runs.js';
import { assessRegionHealth, type RegionHealth } from './region-health.js';
import type { SystemTableSpec } from './system-table-spec.js';

/** The region's health now, from its stored runs and checkpoints (see region-health.ts). */
export async function evaluateRegionHealth(
  db: Db,
  region: { regionId: string; everySeconds: number },
  tables: readonly SystemTableSpec[],
  now: Date,
): Promise<RegionHealth> {
  const [run, checkpoints] = await Promise.all([
    latestCompletedRun(db, region.regionId),
    db
      .selectFrom('collector_checkpoints')
      .select(['table_name', 'last_collected_at'])
      .where('region_id', '=', region.regionId)
      .execute(),
  ]);
  const collectedAt = new Map(checkpoints.map((c) => [c.table_name, c.last_collected_at]));
  return assessRegionHealth({
    now,
    everySeconds: region.everySeconds,
    latestRun: run && {
      id: run.id,
      status: run.status,
      failure: run.failure,
      startedAt: run.started_at,
      finishedAt: run.finished_at,
      errors: run.errors,
      unavailable: run.unavailable,
      collected: Object.keys(run.rows).filter((t) => !(t in run.errors) && !run.unavailable.includes(t)),
    },
    tables: tables.map((t) => ({
      name: t.name,
      required: t.required,
      lastCollectedAt: collectedAt.get(t.name) ?? null,
    })),
  });
}
