import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectedCounts, compareCollected } from './support/collected-comparison.js';
import { startCollectorFixture, type CollectorFixture } from './support/collector-fixture.js';

let fixture: CollectorFixture;

beforeAll(async () => {
  // Real warehouses answer in Arrow: TIMESTAMP and DATE reach the collector as JS Dates.
  fixture = await startCollectorFixture({ emulator: { resultFormat: 'arrow', maxPageRows: 700 } });
});

afterAll(async () => {
  await fixture?.stop();
});

test('with Arrow results a run stores exactly the warehouse rows, and a second run adds nothing', async () => {
  expect(await fixture.collect()).toMatchObject({ status: 'succeeded', health: 'ok' });
  for (const comparison of await compareCollected(fixture.emulator.pool, fixture.db, fixture.regionId)) {
    expect(comparison.collected, comparison.table).toEqual(comparison.emulator);
  }
  const prices = await fixture.db
    .selectFrom('collected_list_prices')
    .select(['price_default', 'price_start_time'])
    .orderBy('price_start_time')
    .executeTakeFirstOrThrow();
  expect(prices.price_default).toMatch(/^\d+\.\d{18}$/);
  const usage = await fixture.db
    .selectFrom('collector_checkpoints')
    .select('cursor')
    .where('table_name', '=', 'system.billing.usage')
    .executeTakeFirstOrThrow();
  expect(usage.cursor?.toISOString()).toMatch(/T00:00:00\.000Z$/);

  const before = await collectedCounts(fixture.db, fixture.regionId);
  fixture.clock.advance(15 * 60_000);
  const second = await fixture.collect();
  if (second.status === 'skipped') throw new Error('unexpected skip');
  expect(second.tables.filter((t) => t.written > 0)).toEqual([]);
  expect(await collectedCounts(fixture.db, fixture.regionId)).toEqual(before);
});
