import { afterEach, expect, test } from 'vitest';
import { evaluateRegionHealth } from '../src/collectors/evaluate-region-health.js';
import { SYSTEM_TABLE_CATALOG } from '../src/collectors/system-table-catalog.js';
import { startCollectorFixture, type CollectorFixture } from './support/collector-fixture.js';

let fixture: CollectorFixture | undefined;

afterEach(async () => {
  await fixture?.stop();
  fixture = undefined;
});

const region = async (f: CollectorFixture) =>
  f.db.selectFrom('region_connectors').selectAll().where('id', '=', f.regionId).executeTakeFirstOrThrow();

test('a region is pending until its first run, and OK once every table was collected', async () => {
  fixture = await startCollectorFixture({ seed: { days: 3, workspaces: 1 } });
  const before = await evaluateRegionHealth(
    fixture.db,
    { regionId: fixture.regionId, everySeconds: 900 },
    SYSTEM_TABLE_CATALOG,
    fixture.clock.now(),
  );
  expect(before.health).toBe('pending');

  await fixture.collect();
  expect(await region(fixture)).toMatchObject({ health: 'ok', health_changed_at: fixture.clock.now() });
  expect(fixture.healthReports.at(-1)?.detail.summary).toBe('Every table is current.');
});

test('an optional table the principal may not read is unavailable and the region stays OK', async () => {
  fixture = await startCollectorFixture({ seed: { days: 3, workspaces: 1 } });
  fixture.emulator.faults.denySelect('system.access.audit');
  fixture.emulator.faults.denySelect('system.serving.endpoint_usage');

  const result = await fixture.collect();

  expect(result).toMatchObject({ status: 'succeeded', health: 'ok' });
  if (result.status === 'skipped') throw new Error('unexpected skip');
  expect(result.tables.filter((t) => t.status === 'unavailable').map((t) => t.table)).toEqual([
    'system.serving.endpoint_usage',
    'system.access.audit',
  ]);
  const run = await fixture.db.selectFrom('collector_runs').selectAll().executeTakeFirstOrThrow();
  expect(run).toMatchObject({
    status: 'succeeded',
    errors: {},
    unavailable: ['system.serving.endpoint_usage', 'system.access.audit'],
  });
  expect((await region(fixture)).health_detail).toMatchObject({
    optionalTablesUnavailable: ['system.serving.endpoint_usage', 'system.access.audit'],
  });
});

test('a required table the principal may not read degrades the region; the others are still collected', async () => {
  fixture = await startCollectorFixture({ seed: { days: 3, workspaces: 1 } });
  fixture.emulator.faults.denySelect('system.billing.usage');

  const result = await fixture.collect();

  expect(result).toMatchObject({ status: 'partial', health: 'degraded' });
  if (result.status === 'skipped') throw new Error('unexpected skip');
  const usage = result.tables.find((t) => t.table === 'system.billing.usage')!;
  expect(usage).toMatchObject({ status: 'failed' });
  expect(usage.error).toContain('INSUFFICIENT_PERMISSIONS');
  expect(result.tables.filter((t) => t.status === 'collected')).toHaveLength(SYSTEM_TABLE_CATALOG.length - 1);
  expect(await region(fixture)).toMatchObject({
    health: 'degraded',
    health_detail: expect.objectContaining({
      failing: { 'system.billing.usage': expect.stringContaining('INSUFFICIENT_PERMISSIONS') },
      stale: ['system.billing.usage'],
    }),
  });

  // Granted again: the next run catches up and the region is OK.
  fixture.emulator.faults.clear();
  fixture.clock.advance(15 * 60_000);
  expect(await fixture.collect()).toMatchObject({ status: 'succeeded', health: 'ok' });
});

test('a table not collected within two intervals makes the region degraded', async () => {
  fixture = await startCollectorFixture({ seed: { days: 3, workspaces: 1 }, everySeconds: 900 });
  await fixture.collect();
  fixture.clock.advance(31 * 60_000);

  const health = await evaluateRegionHealth(
    fixture.db,
    { regionId: fixture.regionId, everySeconds: 900 },
    SYSTEM_TABLE_CATALOG,
    fixture.clock.now(),
  );

  expect(health.health).toBe('degraded');
  expect(health.detail.stale).toEqual(SYSTEM_TABLE_CATALOG.filter((t) => t.required).map((t) => t.name));
});

test('refused credentials fail the run and the region, without touching a table', async () => {
  fixture = await startCollectorFixture({ seed: false, storedSecret: 'not-the-secret' });

  const result = await fixture.collect();

  expect(result).toMatchObject({ status: 'failed', health: 'failed', tables: [] });
  const run = await fixture.db.selectFrom('collector_runs').selectAll().executeTakeFirstOrThrow();
  expect(run).toMatchObject({ status: 'failed', failure: 'auth' });
  expect(run.errors['*']).toMatch(/token request failed: HTTP 401/);
  expect(await region(fixture)).toMatchObject({
    health: 'failed',
    health_detail: expect.objectContaining({ failure: 'auth' }),
  });
  expect(fixture.emulator.statements).toHaveLength(0);
  expect(fixture.logs.text()).not.toContain('not-the-secret');
});

test('a warehouse that no longer exists fails the region', async () => {
  fixture = await startCollectorFixture({ seed: false });
  fixture.emulator.warehouses[0]!.state = 'DELETED';

  const result = await fixture.collect();

  expect(result).toMatchObject({ status: 'failed', health: 'failed' });
  const run = await fixture.db.selectFrom('collector_runs').selectAll().executeTakeFirstOrThrow();
  expect(run.failure).toBe('warehouse');
  expect(run.errors['*']).toContain('does not exist');
});
