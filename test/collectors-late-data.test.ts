import { afterAll, beforeAll, expect, test } from 'vitest';
import { insertRows } from '../emulator/seed/bulk-insert.js';
import { appendLateUsage, restate } from '../emulator/seed/usage-corrections.js';
import { compareCollected } from './support/collected-comparison.js';
import { SEED_TODAY, startCollectorFixture, type CollectorFixture } from './support/collector-fixture.js';

let fixture: CollectorFixture;

beforeAll(async () => {
  fixture = await startCollectorFixture();
  const first = await fixture.collect();
  expect(first).toMatchObject({ status: 'succeeded' });
  fixture.touchedDates.length = 0;
});

afterAll(async () => {
  await fixture?.stop();
});

async function expectExactlyTheEmulatorsRows() {
  for (const comparison of await compareCollected(fixture.emulator.pool, fixture.db, fixture.regionId)) {
    expect(comparison.collected, comparison.table).toEqual(comparison.emulator);
  }
}

test('late usage and corrections that arrive after a run are picked up by the next one', async () => {
  const pool = fixture.emulator.pool;
  const late = await appendLateUsage(pool, {
    usageDate: '2026-11-05',
    ingestionDate: SEED_TODAY,
    quantity: 7.25,
  });
  const { rows } = await pool.query<{ record_id: string; usage_date: string }>(
    `select record_id, usage_date::text as usage_date from "system__billing"."usage"
     where record_type = 'ORIGINAL' and usage_date = '2026-11-10' order by record_id limit 1`,
  );
  const corrected = rows[0]!;
  const { retraction, restatement } = await restate(pool, corrected.record_id, 0.5, SEED_TODAY);
  fixture.clock.advance(15 * 60_000);

  const result = await fixture.collect();

  expect(result).toMatchObject({ status: 'succeeded', health: 'ok' });
  const usage = await fixture.db
    .selectFrom('collected_billing_usage')
    .select(['record_id', 'record_type', 'usage_quantity', 'usage_date'])
    .where('record_id', 'in', [
      late.record_id as string,
      retraction.record_id as string,
      restatement.record_id as string,
    ])
    .orderBy('record_type')
    .execute();
  expect(usage.map((u) => [u.record_type, Number(u.usage_quantity)])).toEqual([
    ['ORIGINAL', 7.25],
    ['RESTATEMENT', 0.5],
    ['RETRACTION', -Number(retraction.usage_quantity) * -1],
  ]);
  // Net usage of the corrected record is the restated quantity: original + retraction + restatement.
  const { rows: net } = await fixture.emulator.pool.query<{ original: string }>(
    `select usage_quantity::text as original from "system__billing"."usage" where record_id = $1`,
    [corrected.record_id],
  );
  const stored = await fixture.db
    .selectFrom('collected_billing_usage')
    .select((eb) => eb.fn.sum<string>('usage_quantity').as('net'))
    .where('record_id', 'in', [
      corrected.record_id,
      retraction.record_id as string,
      restatement.record_id as string,
    ])
    .executeTakeFirstOrThrow();
  expect(Number(stored.net)).toBeCloseTo(0.5, 12);
  expect(Number(net[0]!.original)).toBeGreaterThan(0);
  // Only the days those rows belong to are handed to the cost rollups.
  expect(fixture.touchedDates).toEqual([['2026-11-05', '2026-11-10']]);
  await expectExactlyTheEmulatorsRows();
});

test('a new cluster version replaces the stored one; a late, older version does not', async () => {
  const pool = fixture.emulator.pool;
  const { rows } = await pool.query<{ row: Record<string, unknown> }>(
    `select to_jsonb(c) as row from "system__compute"."clusters" c order by change_time desc limit 1`,
  );
  const latest = rows[0]!.row;
  const newer = { ...latest, cluster_name: 'renamed', change_time: `${SEED_TODAY}T05:30:00Z` };
  await insertRows(pool, 'system.compute.clusters', [newer]);
  fixture.clock.advance(15 * 60_000);
  await fixture.collect();

  const stored = () =>
    fixture.db
      .selectFrom('collected_clusters')
      .select(['cluster_name', 'change_time'])
      .where('cluster_id', '=', latest.cluster_id as string)
      .executeTakeFirstOrThrow();
  expect(await stored()).toEqual({
    cluster_name: 'renamed',
    change_time: new Date(`${SEED_TODAY}T05:30:00Z`),
  });

  // A version from before the stored one, arriving late (inside the overlap), changes nothing.
  await insertRows(pool, 'system.compute.clusters', [
    { ...latest, cluster_name: 'stale', change_time: `${SEED_TODAY}T05:00:00Z` },
  ]);
  fixture.clock.advance(15 * 60_000);
  await fixture.collect();
  expect(await stored()).toMatchObject({ cluster_name: 'renamed' });
  await expectExactlyTheEmulatorsRows();
});

test('a job run period whose final state arrives later is updated in place', async () => {
  const pool = fixture.emulator.pool;
  const { rows } = await pool.query<{ run_id: string; period_start_time: Date }>(
    `select run_id, period_start_time from "system__lakeflow"."job_run_timeline"
     where result_state is not null order by period_start_time desc limit 1`,
  );
  const period = rows[0]!;
  await pool.query(
    `update "system__lakeflow"."job_run_timeline" set result_state = 'CANCELLED' where run_id = $1 and period_start_time = $2`,
    [period.run_id, period.period_start_time],
  );
  fixture.clock.advance(15 * 60_000);
  const result = await fixture.collect();

  if (result.status === 'skipped') throw new Error('unexpected skip');
  expect(result.tables.find((t) => t.table === 'system.lakeflow.job_run_timeline')!.written).toBe(1);
  const stored = await fixture.db
    .selectFrom('collected_job_run_timeline')
    .select('result_state')
    .where('run_id', '=', period.run_id)
    .where('period_start_time', '=', period.period_start_time)
    .executeTakeFirstOrThrow();
  expect(stored.result_state).toBe('CANCELLED');
  await expectExactlyTheEmulatorsRows();
});
