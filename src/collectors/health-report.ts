import type { RegionHealthReport } from '../connectors/region-health.js';
import type { RegionHealth } from './region-health.js';
import { systemTable } from './system-table-catalog.js';

/** A collector's health assessment in the connector domain's terms (stored and announced there). */
export function toRegionHealthReport({ health, detail }: RegionHealth): RegionHealthReport {
  return {
    state: health,
    detail: detail.summary,
    tablesReceived: detail.tablesReceived,
    optionalTablesUnavailable: detail.unavailable,
    optionalTablesReceived: detail.tablesReceived.filter((name) => systemTable(name)?.required === false),
    ...(detail.lastCollectedAt ? { ingestedAt: new Date(detail.lastCollectedAt) } : {}),
    extra: {
      failing: detail.failing,
      stale: detail.stale,
      ...(detail.failure ? { failure: detail.failure } : {}),
      ...(detail.lastRunId ? { lastRunId: detail.lastRunId, lastRunAt: detail.lastRunAt } : {}),
    },
  };
}
