import { afterAll, beforeAll, expect, test } from 'vitest';
import { SYSTEM_TABLE_CATALOG } from '../src/collectors/system-table-catalog.js';
import { insertRows } from '../emulator/seed/bulk-insert.js';
import { collectedCounts, compareCollected } from './support/collected-comparison.js';
import { startCollectorFixture, type CollectorFixture } from './support/collector-fixture.js';

let fixture: CollectorFixture;

beforeAll(async () => {
  fixture = await startCollectorFixture();
  // Optional tables are not seeded: give two of them a few rows.
  await insertRows(fixture.emulator.pool, 'system.serving.endpoint_usage', [
    endpointUsage('req-1', '2026-11-19T10:00:00Z'),
    endpointUsage('req-2', '2026-11-19T11:00:00Z'),
  ]);
  await insertRows(fixture.emulator.pool, 'system.compute.node_timeline', [
    nodeMinute('node-a', '2026-11-19T10:00:00Z', 1.25),
    nodeMinute('node-a', '2026-11-19T10:01:00Z', 97.5),
    nodeMinute('node-b', '2026-11-19T10:00:00Z', 3),
  ]);
  await insertRows(fixture.emulator.pool, 'system.mlflow.experiments_latest', [
    {
      account_id: 'acc',
      workspace_id: 'ws-1',
      experiment_id: 'exp-1',
      name: 'churn',
      update_time: '2026-11-18T08:00:00Z',
    },
  ]);
});

afterAll(async () => {
  await fixture?.stop();
});

test('a run collects every system table, exactly as the warehouse holds it', async () => {
  const result = await fixture.collect();

  expect(result).toMatchObject({ status: 'succeeded', health: 'ok' });
  if (result.status === 'skipped') throw new Error('unexpected skip');
  expect(result.tables.map((t) => t.table)).toEqual(SYSTEM_TABLE_CATALOG.map((t) => t.name));
  expect(result.tables.every((t) => t.status === 'collected')).toBe(true);
  for (const comparison of await compareCollected(fixture.emulator.pool, fixture.db, fixture.regionId)) {
    expect(comparison.collected, comparison.table).toEqual(comparison.emulator);
    expect(comparison.collected.rows, comparison.table).toBeGreaterThan(0);
  }
  const counts = await collectedCounts(fixture.db, fixture.regionId);
  expect(counts['system.serving.endpoint_usage']).toBe(2);
  expect(counts['system.mlflow.experiments_latest']).toBe(1);
  // node_timeline is optional; its minutes are rolled up per node and hour as they are stored.
  const nodes = await fixture.db
    .selectFrom('collected_node_hours')
    .select([
      'instance_id',
      'hour',
      'minutes_seen',
      'cpu_percent_sum',
      'cpu_percent_max',
      'memory_percent_sum',
      'seen_until',
      'driver',
    ])
    .where('region_id', '=', fixture.regionId)
    .orderBy('instance_id')
    .execute();
  expect(
    nodes.map((n) => [
      n.instance_id,
      n.hour.toISOString(),
      n.minutes_seen,
      Number(n.cpu_percent_sum),
      Number(n.cpu_percent_max),
      Number(n.memory_percent_sum),
      n.seen_until.toISOString(),
    ]),
  ).toEqual([
    ['node-a', '2026-11-19T10:00:00.000Z', 2, 1.75 + 98, 98, 40, '2026-11-19T10:02:00.000Z'],
    ['node-b', '2026-11-19T10:00:00.000Z', 1, 3.5, 3.5, 20, '2026-11-19T10:01:00.000Z'],
  ]);
  expect(nodes[0]).toMatchObject({ driver: true });
  expect(counts['system.compute.warehouses']).toBe(fixture.seeded!.rowCounts['system.compute.warehouses']);

  // Exact decimals, jsonb structs, UTC timestamps.
  const usage = await fixture.db
    .selectFrom('collected_billing_usage')
    .select(['usage_quantity', 'usage_metadata', 'usage_start_time', 'ingestion_date'])
    .where('region_id', '=', fixture.regionId)
    .where('usage_quantity', 'is not', null)
    .limit(1)
    .executeTakeFirstOrThrow();
  expect(usage.usage_quantity).toMatch(/^-?\d+\.\d{18}$/);
  expect(usage.usage_metadata).toHaveProperty('endpoint_name');
  expect(usage.usage_start_time).toBeInstanceOf(Date);

  const run = await fixture.db.selectFrom('collector_runs').selectAll().executeTakeFirstOrThrow();
  expect(run).toMatchObject({ status: 'succeeded', trigger: 'schedule', failure: null, errors: {} });
  expect(run.rows['system.billing.usage']).toEqual({
    read: fixture.seeded!.rowCounts['system.billing.usage'],
    written: fixture.seeded!.rowCounts['system.billing.usage'],
  });
  const region = await fixture.db.selectFrom('region_connectors').selectAll().executeTakeFirstOrThrow();
  expect(region.health).toBe('ok');
  // Every usage date was new, so every one is handed to the cost rollups.
  expect(fixture.touchedDates).toHaveLength(1);
  expect(fixture.touchedDates[0]!.length).toBeGreaterThanOrEqual(20);
});

test('a second run re-reads only the overlap and adds nothing', async () => {
  const before = await collectedCounts(fixture.db, fixture.regionId);
  const statementsBefore = fixture.emulator.statements.length;
  fixture.clock.advance(15 * 60_000);

  const result = await fixture.collect();

  expect(result).toMatchObject({ status: 'succeeded', health: 'ok' });
  if (result.status === 'skipped') throw new Error('unexpected skip');
  expect(result.tables.filter((t) => t.written > 0)).toEqual([]);
  expect(await collectedCounts(fixture.db, fixture.regionId)).toEqual(before);
  // The cost domain still hears of the run (its alert rules are evaluated after every run), with no date.
  expect(fixture.touchedDates).toHaveLength(2);
  expect(fixture.touchedDates[1]).toEqual([]);

  // billing.usage resumes two days before the highest ingestion date it stored (never after now:
  // the seed has corrections stamped a few days ahead).
  const checkpoint = await fixture.db
    .selectFrom('collector_checkpoints')
    .selectAll()
    .where('table_name', '=', 'system.billing.usage')
    .executeTakeFirstOrThrow();
  const usageStatement = fixture.emulator.statements
    .slice(statementsBefore)
    .find((s) => s.tables.includes('system.billing.usage'))!;
  const resumeAt = Math.min(checkpoint.cursor!.getTime(), fixture.clock.now().getTime());
  const since = new Date(resumeAt - 2 * 86_400_000).toISOString().slice(0, 10);
  expect(usageStatement.sql).toContain('WHERE `ingestion_date` >= CAST(:since AS DATE)');
  expect(usageStatement.parameters).toEqual([expect.objectContaining({ name: 'since', value: since })]);
  expect(result.tables.find((t) => t.table === 'system.billing.usage')!.read).toBeLessThan(
    before['system.billing.usage']!,
  );
});

function endpointUsage(id: string, at: string) {
  return {
    account_id: 'acc',
    workspace_id: 'ws-1',
    client_request_id: null,
    databricks_request_id: id,
    requester: 'ana@example.com',
    status_code: 200,
    request_time: at,
    input_token_count: 120,
    output_token_count: 40,
    usage_context: { team: 'ml' },
    served_entity_id: 'entity-1',
  };
}

function nodeMinute(instance: string, start: string, cpu: number) {
  return {
    account_id: 'acc',
    workspace_id: 'ws-1',
    cluster_id: '1119-cluster',
    instance_id: instance,
    start_time: start,
    end_time: new Date(Date.parse(start) + 60_000).toISOString(),
    driver: instance === 'node-a',
    cpu_user_percent: cpu,
    cpu_system_percent: 0.5,
    cpu_wait_percent: 0,
    mem_used_percent: 20,
    mem_swap_percent: 0,
    network_sent_bytes: 100,
    network_received_bytes: 200,
    disk_free_bytes_per_mount_point: { '/': 1000 },
    node_type: 'i3.xlarge',
  };
}
