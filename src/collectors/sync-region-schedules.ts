import type { Db } from '../db/database.js';
import type { RegionSchedules } from './region-schedules.js';

/**
 * Makes the job schedules match the region connectors: every region collected directly has a
 * schedule at its own interval, and nothing else has one. Idempotent; run at worker start and
 * every few minutes, so a flushed Redis or a missed hook heals itself.
 */
export async function syncRegionSchedules(
  db: Db,
  schedules: RegionSchedules,
): Promise<{ scheduled: number; removed: number }> {
  const regions = await db
    .selectFrom('region_connectors')
    .select(['id', 'collect_every_seconds'])
    .where('mode', '=', 'direct')
    .execute();
  for (const region of regions) await schedules.scheduleRegion(region.id, region.collect_every_seconds);
  const wanted = new Set(regions.map((region) => region.id));
  const stale = (await schedules.scheduledRegions()).filter((id) => !wanted.has(id));
  for (const regionId of stale) await schedules.unscheduleRegion(regionId);
  return { scheduled: regions.length, removed: stale.length };
}
