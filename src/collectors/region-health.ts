/**
 * A region's health after a run, from its latest completed run and when each table was last
 * collected:
 * - pending: no run has got through its tables yet;
 * - failed: the latest run failed as a whole (credentials refused, warehouse unreachable, or
 *   not one table could be read);
 * - degraded: some table failed in the latest run, or a required table was not collected within
 *   two collection intervals;
 * - ok: every required table collected within two intervals and nothing failing. Optional tables
 *   the principal may not read are listed as unavailable and do not count against health.
 */
import type { CollectorRunFailure, CollectorRunStatus } from '../db/tables/collector-state.js';
import type { ConnectorHealth } from '../db/tables/connectors.js';

export interface RegionHealthInput {
  now: Date;
  everySeconds: number;
  latestRun:
    | {
        id: string;
        status: CollectorRunStatus;
        failure: CollectorRunFailure | null;
        startedAt: Date;
        finishedAt: Date | null;
        errors: Record<string, string>;
        unavailable: string[];
        /** Tables the run read to the end. */
        collected: string[];
      }
    | undefined;
  /** Every table the region collects, with when it was last collected. */
  tables: { name: string; required: boolean; lastCollectedAt: Date | null }[];
}

export interface RegionHealthDetail {
  /** One line for people: why the region has this health. */
  summary: string;
  lastRunId?: string;
  lastRunAt?: string;
  failure?: CollectorRunFailure;
  /** Error per failing table (`*`: the run as a whole). */
  failing: Record<string, string>;
  /** Required tables not collected within two intervals. */
  stale: string[];
  unavailable: string[];
  /** Tables the latest run read to the end. */
  tablesReceived: string[];
  /** The newest collection time over all tables. */
  lastCollectedAt?: string;
}

export interface RegionHealth {
  health: ConnectorHealth;
  detail: RegionHealthDetail;
}

export function assessRegionHealth(input: RegionHealthInput): RegionHealth {
  const run = input.latestRun;
  const lastCollected = input.tables
    .map((t) => t.lastCollectedAt?.getTime() ?? 0)
    .reduce((a, b) => Math.max(a, b), 0);
  const base = {
    failing: {},
    stale: [],
    unavailable: run?.unavailable ?? [],
    tablesReceived: run?.collected ?? [],
    ...(lastCollected > 0 ? { lastCollectedAt: new Date(lastCollected).toISOString() } : {}),
  };
  if (!run) return { health: 'pending', detail: { ...base, summary: 'No collection has finished yet.' } };
  const runFields = {
    lastRunId: run.id,
    lastRunAt: (run.finishedAt ?? run.startedAt).toISOString(),
    failing: run.errors,
    ...(run.failure ? { failure: run.failure } : {}),
  };
  if (run.status === 'failed') {
    const reason =
      run.failure === 'auth'
        ? 'Databricks refused the service principal’s credentials.'
        : run.failure === 'warehouse'
          ? 'The workspace or its SQL warehouse did not answer.'
          : 'No system table could be read.';
    return { health: 'failed', detail: { ...base, ...runFields, summary: reason } };
  }
  const staleBefore = input.now.getTime() - 2 * input.everySeconds * 1000;
  const stale = input.tables
    .filter((t) => t.required && (t.lastCollectedAt?.getTime() ?? 0) < staleBefore)
    .map((t) => t.name);
  const failing = Object.keys(run.errors);
  const detail = { ...base, ...runFields, stale };
  if (failing.length > 0 || stale.length > 0) {
    const parts = [
      ...(failing.length > 0 ? [`failing: ${failing.join(', ')}`] : []),
      ...(stale.length > 0 ? [`not collected within two intervals: ${stale.join(', ')}`] : []),
    ];
    return {
      health: 'degraded',
      detail: { ...detail, summary: `Some tables are behind (${parts.join('; ')}).` },
    };
  }
  const summary =
    base.unavailable.length > 0
      ? `Every required table is current; unavailable: ${base.unavailable.join(', ')}.`
      : 'Every table is current.';
  return { health: 'ok', detail: { ...detail, summary } };
}
