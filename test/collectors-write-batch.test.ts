import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CollectedRow } from '../src/collectors/collected-row.js';
import { BILLING_USAGE } from '../src/collectors/core-system-tables.js';
import { writeBatch } from '../src/collectors/write-batch.js';
import { startCollectorFixture, type CollectorFixture } from './support/collector-fixture.js';

let fixture: CollectorFixture;

beforeAll(async () => {
  fixture = await startCollectorFixture({ seed: false });
});

afterAll(async () => {
  await fixture?.stop();
});

const usage = (id: number, quantity = '1.5', day = '2026-11-10'): CollectedRow => ({
  record_id: `record-${id}`,
  account_id: 'account',
  workspace_id: '1',
  sku_name: 'SKU',
  cloud: 'AWS',
  usage_start_time: `${day}T00:00:00.000Z`,
  usage_end_time: `${day}T01:00:00.000Z`,
  usage_date: day,
  custom_tags: { team: 'a' },
  usage_unit: 'DBU',
  usage_quantity: quantity,
  usage_metadata: null,
  identity_metadata: null,
  record_type: 'ORIGINAL',
  ingestion_date: day,
  billing_origin_product: 'SQL',
  product_features: null,
  usage_type: 'COMPUTE_TIME',
});

const write = (rows: CollectedRow[]) =>
  writeBatch(fixture.db, {
    regionId: fixture.regionId,
    table: BILLING_USAGE,
    rows,
    checkpoint: new Date('2026-11-10T00:00:00Z'),
    at: fixture.clock.now(),
  });

const stored = async () =>
  (
    await fixture.db
      .selectFrom('collected_billing_usage')
      .select(['record_id', 'usage_quantity'])
      .orderBy('record_id')
      .execute()
  ).map((row) => `${row.record_id}=${Number(row.usage_quantity)}`);

test('new keys go straight in, and a batch with a stored key its sample missed is merged, not duplicated', async () => {
  const first = await write([usage(1), usage(2), usage(3, '1.5', '2026-11-11')]);
  expect(first).toEqual({ written: 3, skipped: 0, touchedDates: ['2026-11-10', '2026-11-11'] });

  // 200 new keys with one stored key (record-2, changed) where a sample of 64 does not look.
  const rows = Array.from({ length: 201 }, (_, i) => usage(100 + i));
  rows[1] = usage(2, '7', '2026-11-12');
  const second = await write(rows);

  expect(second.written).toBe(201);
  expect(second.touchedDates.sort()).toEqual(['2026-11-10', '2026-11-12']);
  const all = await stored();
  expect(all).toHaveLength(203);
  expect(all).toContain('record-2=7');
  expect(await write(rows)).toEqual({ written: 0, skipped: 0, touchedDates: [] });
});
