import { sql } from 'kysely';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { insertRows } from '../emulator/seed/bulk-insert.js';
import { normalizeRow } from '../src/collectors/collected-row.js';
import { copyRows } from '../src/collectors/copy-rows.js';
import { NODE_TIMELINE } from '../src/collectors/optional-system-tables.js';
import { stagedStatements } from '../src/collectors/upsert-statements.js';
import { writeBatch } from '../src/collectors/write-batch.js';
import { poolOf } from '../src/db/database.js';
import { startCollectorFixture, type CollectorFixture } from './support/collector-fixture.js';

/**
 * node_timeline minutes are rolled up per node and hour as they are collected: an hour whose
 * minutes arrive across runs, batches re-read in the cursor's overlap, a run that dies and is
 * re-done, all end with the hour row the minutes give when counted once.
 */
let fixture: CollectorFixture;
const BATCH = 50;

beforeEach(async () => {
  fixture = await startCollectorFixture({ seed: false, settings: { batchSize: BATCH } });
});

afterEach(async () => {
  await fixture?.stop();
});

const MINUTE_MS = 60_000;

/** `count` minutes of one node from `from`, with utilisation that varies minute by minute. */
function nodeMinutes(instance: string, from: string, count: number, offset = 0) {
  return Array.from({ length: count }, (_, i) => {
    const m = i + offset;
    const start = new Date(Date.parse(from) + m * MINUTE_MS);
    return {
      account_id: 'acc',
      workspace_id: 'ws-1',
      cluster_id: `cluster-${instance}`,
      instance_id: instance,
      start_time: start.toISOString(),
      end_time: new Date(start.getTime() + MINUTE_MS).toISOString(),
      driver: true,
      cpu_user_percent: ((m * 37) % 900) / 100,
      cpu_system_percent: ((m * 11) % 70) / 100,
      cpu_wait_percent: 0,
      mem_used_percent: 20 + ((m * 13) % 500) / 100,
      mem_swap_percent: 0,
      network_sent_bytes: 100,
      network_received_bytes: 200,
      disk_free_bytes_per_mount_point: { '/': 1000 },
      node_type: 'i3.xlarge',
    };
  });
}

type Minute = ReturnType<typeof nodeMinutes>[number];

/** The hour rows the minutes give when each is counted once (sums in hundredths, exact). */
function expectedHours(minutes: readonly Minute[]) {
  const hours = new Map<string, Minute[]>();
  for (const minute of minutes) {
    const hour = new Date(Math.floor(Date.parse(minute.start_time) / 3_600_000) * 3_600_000).toISOString();
    const key = `${minute.instance_id}|${hour}`;
    hours.set(key, [...(hours.get(key) ?? []), minute]);
  }
  const hundredths = (value: number) => Math.round(value * 100);
  return [...hours]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, rows]) => {
      const cpu = rows.map((r) => hundredths(r.cpu_user_percent) + hundredths(r.cpu_system_percent));
      const memory = rows.map((r) => hundredths(r.mem_used_percent));
      const [instance, hour] = key.split('|');
      return {
        instance,
        hour,
        minutes: rows.length,
        cpuSum: (cpu.reduce((a, b) => a + b, 0) / 100).toFixed(2),
        cpuMax: (Math.max(...cpu) / 100).toFixed(2),
        memorySum: (memory.reduce((a, b) => a + b, 0) / 100).toFixed(2),
        memoryMax: (Math.max(...memory) / 100).toFixed(2),
        lastMinute: rows
          .map((r) => r.start_time)
          .sort()
          .at(-1),
        seenUntil: rows
          .map((r) => r.end_time)
          .sort()
          .at(-1),
      };
    });
}

async function storedHours(instances?: readonly string[]) {
  let query = fixture.db
    .selectFrom('collected_node_hours')
    .selectAll()
    .where('region_id', '=', fixture.regionId)
    .orderBy('instance_id')
    .orderBy('hour');
  if (instances) query = query.where('instance_id', 'in', instances);
  const rows = await query.execute();
  return rows.map((row) => ({
    instance: row.instance_id,
    hour: row.hour.toISOString(),
    minutes: row.minutes_seen,
    cpuSum: Number(row.cpu_percent_sum).toFixed(2),
    cpuMax: Number(row.cpu_percent_max).toFixed(2),
    memorySum: Number(row.memory_percent_sum).toFixed(2),
    memoryMax: Number(row.memory_percent_max).toFixed(2),
    lastMinute: row.last_minute_start.toISOString(),
    seenUntil: row.seen_until.toISOString(),
  }));
}

const nodeTimelineOf = (result: Awaited<ReturnType<CollectorFixture['collect']>>) => {
  if (result.status === 'skipped') throw new Error('unexpected skip');
  return result.tables.find((t) => t.table === 'system.compute.node_timeline')!;
};

test('an hour whose minutes arrive in two collector runs gives the same hour row as one run', async () => {
  const whole = nodeMinutes('node-whole', '2026-11-20T03:00:00Z', 60);
  const firstPart = nodeMinutes('node-split', '2026-11-20T03:00:00Z', 25);
  const secondPart = nodeMinutes('node-split', '2026-11-20T03:00:00Z', 35, 25);
  await insertRows(fixture.emulator.pool, 'system.compute.node_timeline', [...whole, ...firstPart]);

  const first = await fixture.collect();
  expect(first).toMatchObject({ status: 'succeeded' });
  expect(nodeTimelineOf(first)).toMatchObject({ status: 'collected', read: 85 });
  expect(await storedHours(['node-split'])).toEqual(expectedHours(firstPart));

  // The rest of the hour arrives; the next run re-reads the overlap (both nodes' earlier minutes).
  await insertRows(fixture.emulator.pool, 'system.compute.node_timeline', secondPart);
  fixture.clock.advance(15 * 60_000);
  const second = await fixture.collect();
  expect(second).toMatchObject({ status: 'succeeded' });
  expect(nodeTimelineOf(second).read).toBe(120);
  // Only the split node's hour changed (once per batch that brought some of its new minutes).
  expect(nodeTimelineOf(second).written).toBeGreaterThan(0);
  const wholeRow = await fixture.db
    .selectFrom('collected_node_hours')
    .select('collected_at')
    .where('instance_id', '=', 'node-whole')
    .executeTakeFirstOrThrow();
  expect(wholeRow.collected_at.getTime()).toBeLessThan(fixture.clock.now().getTime());

  const stored = await storedHours();
  expect(stored).toEqual(expectedHours([...firstPart, ...secondPart, ...whole]));
  const { instance: _split, ...splitHour } = stored.find((h) => h.instance === 'node-split')!;
  const { instance: _whole, ...wholeHour } = stored.find((h) => h.instance === 'node-whole')!;
  expect(splitHour).toEqual(wholeHour);
  expect(splitHour.minutes).toBe(60);
});

test('a run that dies part-way and is run again, or read again from scratch, counts every minute once', async () => {
  const minutes = [
    ...nodeMinutes('node-a', '2026-11-20T03:00:00Z', 150),
    ...nodeMinutes('node-b', '2026-11-20T03:30:00Z', 90),
  ];
  await insertRows(fixture.emulator.pool, 'system.compute.node_timeline', minutes);
  const controller = new AbortController();
  let batches = 0;
  const aborted = await fixture.collect({
    signal: controller.signal,
    onBatchStored: (table) => {
      if (table.name === 'system.compute.node_timeline' && ++batches === 3)
        controller.abort(new Error('killed'));
    },
  });
  expect(aborted).toMatchObject({ status: 'aborted' });
  const partial = await storedHours();
  expect(partial.reduce((n, h) => n + h.minutes, 0)).toBe(3 * BATCH);

  // The re-run resumes 3 hours before its checkpoint: the stored minutes are read again.
  fixture.clock.advance(60_000);
  const resumed = await fixture.collect();
  expect(resumed).toMatchObject({ status: 'succeeded' });
  expect(nodeTimelineOf(resumed).read).toBe(minutes.length);
  expect(await storedHours()).toEqual(expectedHours(minutes));

  // A checkpoint lost (or a region reconnected) reads the whole week again: nothing changes.
  await fixture.db
    .deleteFrom('collector_checkpoints')
    .where('table_name', '=', 'system.compute.node_timeline')
    .execute();
  fixture.clock.advance(60_000);
  const again = await fixture.collect();
  expect(nodeTimelineOf(again)).toMatchObject({ read: minutes.length, written: 0 });
  expect(await storedHours()).toEqual(expectedHours(minutes));
});

test('a batch written twice, the second while the first is still being written (a retried ingest), counts once', async () => {
  const minutes = nodeMinutes('node-a', '2026-11-20T03:00:00Z', 30);
  const rows = minutes.map((row) => normalizeRow(NODE_TIMELINE, row));
  const write = (batch: typeof rows) =>
    writeBatch(fixture.db, {
      regionId: fixture.regionId,
      table: NODE_TIMELINE,
      rows: batch,
      checkpoint: null,
      at: fixture.clock.now(),
    });
  // The first write, merged but not yet committed, as writeBatch does it.
  const statements = stagedStatements(NODE_TIMELINE);
  const client = await poolOf(fixture.db).connect();
  let retried: ReturnType<typeof write>;
  try {
    await client.query('begin');
    await client.query(statements.lock!, [fixture.regionId]);
    await client.query(statements.create);
    await copyRows(client, statements.staging, statements.columns, rows);
    expect((await client.query(statements.merge, [fixture.regionId, fixture.clock.now()])).rowCount).toBe(1);
    retried = write(rows);
    await waitForLockWait();
    await client.query('commit');
  } finally {
    client.release();
  }
  expect((await retried).written).toBe(0);
  const once = await storedHours();
  expect(once).toEqual(expectedHours(minutes));

  expect((await write(rows)).written).toBe(0);
  const changed = rows.slice(0, 5).map((row) => ({ ...row, cpu_user_percent: '99' }));
  expect((await write(changed)).written).toBe(0);
  expect(await storedHours()).toEqual(once);
});

/** Until some session waits for a lock (bounded). */
async function waitForLockWait(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_locks where not granted`.execute(fixture.db);
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('no writer waited for the lock');
}
