import { sql } from 'kysely';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { compareCollected } from './support/collected-comparison.js';
import { startCollectorFixture, type CollectorFixture } from './support/collector-fixture.js';

let fixture: CollectorFixture;
const BATCH = 400;

beforeEach(async () => {
  fixture = await startCollectorFixture({ settings: { batchSize: BATCH } });
});

afterEach(async () => {
  await fixture?.stop();
});

async function expectExactlyTheEmulatorsRows() {
  for (const comparison of await compareCollected(fixture.emulator.pool, fixture.db, fixture.regionId)) {
    expect(comparison.collected, comparison.table).toEqual(comparison.emulator);
  }
}

const usageRows = async () =>
  Number(
    (
      await fixture.db
        .selectFrom('collected_billing_usage')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const usageCheckpoint = () =>
  fixture.db
    .selectFrom('collector_checkpoints')
    .select('cursor')
    .where('table_name', '=', 'system.billing.usage')
    .executeTakeFirst();

test('a run stopped after two batches of billing.usage resumes from its checkpoint without gaps or duplicates', async () => {
  const controller = new AbortController();
  let batches = 0;
  const aborted = await fixture.collect({
    signal: controller.signal,
    onBatchStored: (table) => {
      if (table.name === 'system.billing.usage' && ++batches === 2) controller.abort(new Error('killed'));
    },
  });

  expect(aborted).toMatchObject({ status: 'aborted' });
  expect(await usageRows()).toBe(2 * BATCH);
  const { rows } = await sql<{ highest: Date }>`
    select max(ingestion_date)::timestamptz as highest from collected_billing_usage`.execute(fixture.db);
  expect((await usageCheckpoint())?.cursor).toEqual(rows[0]!.highest);
  const run = await fixture.db.selectFrom('collector_runs').selectAll().executeTakeFirstOrThrow();
  expect(run.status).toBe('aborted');

  fixture.clock.advance(60_000);
  const resumed = await fixture.collect();

  expect(resumed).toMatchObject({ status: 'succeeded', health: 'ok' });
  await expectExactlyTheEmulatorsRows();
});

test('a run aborted while a statement is still running stops at once and stores nothing of that table', async () => {
  fixture.emulator.faults.slowStatements({
    matching: 'system.lakeflow.job_run_timeline',
    ms: 20_000,
    times: 1,
  });
  const controller = new AbortController();
  const running = fixture.collect({ signal: controller.signal });
  await fixture.emulator.waitForStatement((s) => s.sql.includes('system.lakeflow.job_run_timeline'), 10_000);
  const abortedAt = Date.now();
  controller.abort(new Error('killed'));
  const result = await running;

  expect(Date.now() - abortedAt).toBeLessThan(5_000);
  expect(result).toMatchObject({ status: 'aborted' });
  const timeline = await fixture.db
    .selectFrom('collected_job_run_timeline')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(timeline.n)).toBe(0);
  expect(await usageRows()).toBe(fixture.seeded!.rowCounts['system.billing.usage']);

  fixture.emulator.faults.clear();
  fixture.clock.advance(60_000);
  expect(await fixture.collect()).toMatchObject({ status: 'succeeded' });
  await expectExactlyTheEmulatorsRows();
});

test('a database failure in the middle of a batch loses that batch and its checkpoint together, and the next run repairs it', async () => {
  // The third checkpoint write of billing.usage fails, after that batch's rows were upserted.
  await sql`create sequence collector_fault_seq`.execute(fixture.db);
  await sql`
    create function collector_fault() returns trigger language plpgsql as $$
    begin
      if new.table_name = 'system.billing.usage' and nextval('collector_fault_seq') = 3 then
        raise exception 'injected fault: connection to the database was lost';
      end if;
      return new;
    end $$`.execute(fixture.db);
  await sql`
    create trigger collector_fault before insert on collector_checkpoints
    for each row execute function collector_fault()`.execute(fixture.db);

  const first = await fixture.collect();

  expect(first).toMatchObject({ status: 'partial', health: 'degraded' });
  if (first.status === 'skipped') throw new Error('unexpected skip');
  const usage = first.tables.find((t) => t.table === 'system.billing.usage')!;
  expect(usage).toMatchObject({ status: 'failed', read: 2 * BATCH, written: 2 * BATCH });
  expect(usage.error).toContain('injected fault');
  expect(first.tables.filter((t) => t.status !== 'collected').map((t) => t.table)).toEqual([
    'system.billing.usage',
  ]);
  expect(await usageRows()).toBe(2 * BATCH);
  const region = await fixture.db.selectFrom('region_connectors').selectAll().executeTakeFirstOrThrow();
  expect(region.health).toBe('degraded');
  expect(region.health_detail).toMatchObject({ failing: { 'system.billing.usage': expect.any(String) } });

  await sql`drop trigger collector_fault on collector_checkpoints`.execute(fixture.db);
  fixture.clock.advance(15 * 60_000);
  const second = await fixture.collect();

  expect(second).toMatchObject({ status: 'succeeded', health: 'ok' });
  await expectExactlyTheEmulatorsRows();
});

test('a run whose process died is marked abandoned by the next, which reports the usage days it had written', async () => {
  const controller = new AbortController();
  let batches = 0;
  await fixture.collect({
    signal: controller.signal,
    onBatchStored: (table) => {
      if (table.name === 'system.billing.usage' && ++batches === 2) controller.abort(new Error('killed'));
    },
  });
  // As if the process had died before recording the end of its run (and telling the cost rollups).
  await fixture.db.updateTable('collector_runs').set({ status: 'running', finished_at: null }).execute();
  fixture.touchedDates.length = 0;
  const { rows } = await sql<{ day: string }>`
    select distinct usage_date::text as day from collected_billing_usage order by 1`.execute(fixture.db);

  fixture.clock.advance(60_000);
  expect(await fixture.collect()).toMatchObject({ status: 'succeeded' });

  const runs = await fixture.db.selectFrom('collector_runs').select('status').orderBy('started_at').execute();
  expect(runs.map((r) => r.status)).toEqual(['abandoned', 'succeeded']);
  expect(fixture.touchedDates).toHaveLength(1);
  expect(fixture.touchedDates[0]).toEqual(expect.arrayContaining(rows.map((r) => r.day)));
  await expectExactlyTheEmulatorsRows();
});
