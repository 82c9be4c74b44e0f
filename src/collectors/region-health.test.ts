import { describe, expect, it } from 'vitest';
import { assessRegionHealth, type RegionHealthInput } from './region-health.js';

const now = new Date('2026-11-20T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function input(
  overrides: Partial<NonNullable<RegionHealthInput['latestRun']>> = {},
  collectedMinutesAgo = 10,
) {
  return {
    now,
    everySeconds: 900,
    latestRun: {
      id: 'run-1',
      status: 'succeeded' as const,
      failure: null,
      startedAt: minutesAgo(12),
      finishedAt: minutesAgo(10),
      errors: {},
      unavailable: [],
      collected: ['system.billing.usage', 'system.compute.clusters'],
      ...overrides,
    },
    tables: [
      { name: 'system.billing.usage', required: true, lastCollectedAt: minutesAgo(collectedMinutesAgo) },
      { name: 'system.compute.clusters', required: true, lastCollectedAt: minutesAgo(collectedMinutesAgo) },
      { name: 'system.access.audit', required: false, lastCollectedAt: null },
    ],
  };
}

describe('region health', () => {
  it('is pending before any run got through its tables', () => {
    expect(assessRegionHealth({ ...input(), latestRun: undefined }).health).toBe('pending');
  });

  it('is ok when every required table was collected within two intervals', () => {
    const health = assessRegionHealth(input({}, 29));
    expect(health).toMatchObject({ health: 'ok', detail: { stale: [], failing: {}, lastRunId: 'run-1' } });
    expect(health.detail.tablesReceived).toEqual(['system.billing.usage', 'system.compute.clusters']);
  });

  it('ignores optional tables that are unavailable', () => {
    const health = assessRegionHealth(input({ unavailable: ['system.access.audit'] }));
    expect(health.health).toBe('ok');
    expect(health.detail.summary).toContain('unavailable: system.access.audit');
  });

  it('is degraded when a required table is older than two intervals', () => {
    const health = assessRegionHealth(input({}, 31));
    expect(health).toMatchObject({ health: 'degraded' });
    expect(health.detail.stale).toEqual(['system.billing.usage', 'system.compute.clusters']);
  });

  it('is degraded when a table failed in the latest run, optional ones included', () => {
    const health = assessRegionHealth(
      input({ status: 'partial', errors: { 'system.access.audit': '[INTERNAL_ERROR] boom' } }),
    );
    expect(health.health).toBe('degraded');
    expect(health.detail.summary).toContain('failing: system.access.audit');
  });

  it('is failed when the latest run failed as a whole, whatever was collected before', () => {
    const auth = assessRegionHealth(
      input({ status: 'failed', failure: 'auth', errors: { '*': 'HTTP 401' } }),
    );
    expect(auth).toMatchObject({ health: 'failed', detail: { failure: 'auth' } });
    expect(auth.detail.summary).toContain('credentials');
    const warehouse = assessRegionHealth(input({ status: 'failed', failure: 'warehouse' }));
    expect(warehouse.detail.summary).toContain('SQL warehouse');
  });
});
