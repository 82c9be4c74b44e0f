import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { CostDeps } from '../cost-deps.js';
import type { UsageDay } from '../usage-day.js';
import {
  HOURLY_ROLLUP_DAYS,
  ROLLUP_SHAPE_VERSION,
  rollupUsageDates,
  type RollupSettings,
} from './rollup-usage-dates.js';
import { addDays, dayOf } from '../usage-day.js';
import { markRollupsChanged } from '../alerts/rule-evaluations.js';

/** Dates recomputed per transaction: bounded work, and progress kept if a later batch fails. */
const DATES_PER_BATCH = 7;
/** Every rollup refresh holds this lock, so two never interleave their delete and insert. */
const ROLLUP_LOCK = 7_318_401;
/** Bounds one refresh: 2,000 passes of 7 dates cover years of history after a settings change. */
const MAX_PASSES = 2_000;

function settingsOf(deps: CostDeps): RollupSettings {
  return { contract: deps.config.contract, rollupTags: deps.config.rollupTags };
}

function fingerprint(settings: RollupSettings): string {
  const shaped = { ...settings, shape: ROLLUP_SHAPE_VERSION };
  return createHash('sha256').update(JSON.stringify(shaped)).digest('hex').slice(0, 32);
}

/**
 * When the contract terms, rolled-up tags or the rollups' shape changed since they were computed, every
 * collected usage date is marked, so all figures move together.
 */
async function markAllWhenSettingsChanged(deps: CostDeps): Promise<boolean> {
  const wanted = fingerprint(settingsOf(deps));
  const state = await deps.db
    .selectFrom('cost_rollup_state')
    .select('settings_fingerprint')
    .where('id', '=', 'rollups')
    .executeTakeFirst();
  if (state?.settings_fingerprint === wanted) return false;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await sql`
      insert into cost_dirty_dates (usage_date, marked_at)
      select distinct usage_date, cast(${now} as timestamptz) from collected_billing_usage
      where usage_date is not null
      on conflict (usage_date) do update set generation = cost_dirty_dates.generation + 1`.execute(trx);
    await trx
      .insertInto('cost_rollup_state')
      .values({ id: 'rollups', settings_fingerprint: wanted, refreshed_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings_fingerprint: wanted, refreshed_at: now }))
      .execute();
  });
  if (state) deps.log.info('cost settings changed: recomputing every rollup');
  return true;
}

/** Recomputes the rollups of every marked usage date; returns the dates it recomputed. */
export async function refreshCostRollups(deps: CostDeps): Promise<UsageDay[]> {
  await markAllWhenSettingsChanged(deps);
  const settings = settingsOf(deps);
  const hourlyFrom = addDays(dayOf(deps.clock.now()), -HOURLY_ROLLUP_DAYS);
  await deps.db
    .deleteFrom('cost_hourly')
    .where(sql<boolean>`usage_date < ${hourlyFrom}::date`)
    .execute();
  const done: UsageDay[] = [];
  // Dates marked while this runs (a collector finishing meanwhile) are taken in the same refresh.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const marked = await deps.db
      .selectFrom('cost_dirty_dates')
      .select([sql<string>`usage_date::text`.as('day'), 'generation'])
      .orderBy('usage_date')
      .limit(DATES_PER_BATCH)
      .execute();
    if (marked.length === 0) break;
    const batch = marked;
    await deps.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
      // One refresh runs at a time (the lock): its grouping may use memory instead of temp
      // files, and skips JIT compilation, which costs more than it saves on these statements.
      await sql`set local work_mem = '64MB'`.execute(trx);
      await sql`set local jit = off`.execute(trx);
      await rollupUsageDates(
        trx,
        batch.map((row) => row.day),
        settings,
        hourlyFrom,
      );
      for (const row of batch) {
        // A date marked again meanwhile keeps its mark for the next refresh.
        await trx
          .deleteFrom('cost_dirty_dates')
          .where(sql<boolean>`usage_date = cast(${row.day} as date)`)
          .where('generation', '=', row.generation)
          .execute();
      }
    });
    for (const row of batch) if (!done.includes(row.day)) done.push(row.day);
  }
  if (done.length > 0) await markRollupsChanged(deps.db, deps.clock.now());
  if (done.length > 0)
    deps.log.info({ dates: done.length, first: done[0], last: done.at(-1) }, 'cost rollups refreshed');
  return done;
}
