import { afterAll, beforeAll, expect, test } from 'vitest';
import { normalizeRow, type CollectedRow } from '../src/collectors/collected-row.js';
import { BILLING_USAGE } from '../src/collectors/core-system-tables.js';
import { NODE_TIMELINE } from '../src/collectors/optional-system-tables.js';
import { BatchProgress, type BatchTurn } from '../src/collectors/batch-turn.js';
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

/** A turn as collect-table.ts gives it: after the batch `before`, committing once `ready`. */
function turnAfter(ready: Promise<unknown>, before = BatchProgress.none()): BatchTurn {
  return { ready: ready.then(() => undefined), before, progress: new BatchProgress() };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Fails instead of hanging when two writes wait for each other. */
function withinSeconds<T>(work: Promise<T>, seconds = 15): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the two batches waited for each other')), seconds * 1000).unref(),
    ),
  ]);
}

test('the next batch, prepared while the one before is still to merge a key it has, never goes straight in ahead of it', async () => {
  await write([usage(900)]);
  // The batch before has a stored key (so it is staged, to merge) and a new one, record-901.
  const beforeReady = deferred();
  const first = turnAfter(beforeReady.promise);
  const earlier = writeBatch(fixture.db, batchOf([usage(900, '2'), usage(901, '3')]), first);
  // The next one changes record-901 again; none of its keys is stored yet.
  const second = turnAfter(earlier, first.progress);
  const later = writeBatch(fixture.db, batchOf([usage(901, '4'), usage(902, '5')]), second);
  // One whose keys the batch before does not have goes straight in all the same.
  const third = turnAfter(later, first.progress);
  const apart = writeBatch(fixture.db, batchOf([usage(903, '6')]), third);
  expect(await first.progress.placement).toBe('staged');
  expect(await second.progress.placement).toBe('staged');
  expect(await third.progress.placement).toBe('in-table');
  beforeReady.resolve();

  await withinSeconds(Promise.all([earlier, later, apart]));
  const all = await stored();
  expect(all).toEqual(
    expect.arrayContaining(['record-900=2', 'record-901=4', 'record-902=5', 'record-903=6']),
  );
});

test('a rollup batch prepared before the one before it takes no lock that batch waits for', async () => {
  const minute = (m: number) =>
    normalizeRow(NODE_TIMELINE, {
      account_id: 'acc',
      workspace_id: 'ws-1',
      cluster_id: 'cluster-x',
      instance_id: 'node-x',
      start_time: new Date(Date.parse('2026-11-20T03:00:00Z') + m * 60_000).toISOString(),
      end_time: new Date(Date.parse('2026-11-20T03:01:00Z') + m * 60_000).toISOString(),
      driver: true,
      cpu_user_percent: 10,
      cpu_system_percent: 1,
      cpu_wait_percent: 0,
      mem_used_percent: 30,
      mem_swap_percent: 0,
      network_sent_bytes: 1,
      network_received_bytes: 1,
      disk_free_bytes_per_mount_point: { '/': 1 },
      node_type: 'i3.xlarge',
    });
  const rollup = (rows: CollectedRow[]) => ({ ...batchOf(rows), table: NODE_TIMELINE });
  const beforeReady = deferred();
  const first = turnAfter(beforeReady.promise);
  let startEarlier!: () => void;
  const earlierStarted = new Promise<void>((resolve) => (startEarlier = resolve));
  const earlier = earlierStarted.then(() => writeBatch(fixture.db, rollup([minute(0), minute(1)]), first));
  // The later batch gets its connection first and is prepared before the earlier one starts.
  const second = turnAfter(earlier, first.progress);
  const later = writeBatch(fixture.db, rollup([minute(2), minute(3)]), second);
  expect(await second.progress.placement).toBe('staged');
  startEarlier();
  expect(await first.progress.placement).toBe('staged');
  beforeReady.resolve();

  await withinSeconds(Promise.all([earlier, later]));
  const hour = await fixture.db
    .selectFrom('collected_node_hours')
    .select('minutes_seen')
    .where('instance_id', '=', 'node-x')
    .executeTakeFirstOrThrow();
  expect(Number(hour.minutes_seen)).toBe(4);
});

function batchOf(rows: CollectedRow[]) {
  return {
    regionId: fixture.regionId,
    table: BILLING_USAGE,
    rows,
    checkpoint: null,
    at: fixture.clock.now(),
  };
}
