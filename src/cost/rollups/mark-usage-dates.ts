import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CostDeps } from '../cost-deps.js';
import { dayOf, type UsageDay } from '../usage-day.js';

/** Marks usage dates for recomputation (a date marked again gets a new generation). */
export async function markUsageDates(db: Db, dates: readonly (UsageDay | Date)[], at: Date): Promise<number> {
  const days = [...new Set(dates.map((d) => (typeof d === 'string' ? d.slice(0, 10) : dayOf(d))))];
  if (days.length === 0) return 0;
  await db
    .insertInto('cost_dirty_dates')
    .values(days.map((usage_date) => ({ usage_date, marked_at: at })))
    .onConflict((oc) =>
      oc.column('usage_date').doUpdateSet({
        generation: sql`cost_dirty_dates.generation + 1`,
        marked_at: (eb) => eb.ref('excluded.marked_at'),
      }),
    )
    .execute();
  return days.length;
}

/**
 * The port the collectors call after every run (and remote batch that stored billing rows): the
 * usage dates those rows belong to, if any, are marked (in Postgres, so a crash loses nothing)
 * and a refresh is queued, which recomputes their rollups and then evaluates the alert rules.
 */
export interface CollectorRunListener {
  afterCollectorRun(regionId: string, touchedUsageDates: readonly (UsageDay | Date)[]): Promise<void>;
}

export function costRefreshAfterCollect(deps: CostDeps): CollectorRunListener {
  return {
    async afterCollectorRun(regionId, touchedUsageDates) {
      const marked = await markUsageDates(deps.db, touchedUsageDates, deps.clock.now());
      deps.log.debug({ regionId, marked }, 'usage dates marked for cost rollups');
      await deps.jobs.refreshSoon();
    },
  };
}
