/**
 * Fills the emulator's system tables with a realistic, deterministic account: the same `seed`,
 * `days` and `today` always give the same rows. Several workspaces (workspaces_latest) with
 * clusters (change history), jobs and hourly job-run periods, SQL warehouses with events and query
 * history, a serving endpoint, and `days` of billing.usage across SKUs with list prices (USD, one
 * price change), late-arriving records and RETRACTION/RESTATEMENT corrections. The first
 * workspace uses the emulator's REST warehouses, so warehouse ids agree across APIs.
 * Add rows later with usage-corrections.ts (`appendLateUsage`, `restate`).
 */
import type pg from 'pg';
import type { EmulatedWarehouse } from '../workspace-rest.js';
import { accountShape } from './account-shape.js';
import { addDays, insertRows, isoDate } from './bulk-insert.js';
import { accountActivity } from './seed-activity.js';
import { listPriceRows, SKUS, usageRows } from './seed-billing.js';
import {
  clusterRows,
  jobRows,
  jobRunTimelineRows,
  queryHistoryRows,
  warehouseEventRows,
  warehouseRows,
  workspaceRows,
} from './seed-resources.js';
import { SeededRandom } from './seeded-random.js';

export interface SeedOptions {
  /** Default 1. */
  seed?: number;
  /** Days of history before `today`; default 90. */
  days?: number;
  /** Default 3. */
  workspaces?: number;
  /** The day the data is read on (UTC); usage ends the day before. Default: the current date. */
  today?: Date;
  cloud?: 'AWS' | 'AZURE' | 'GCP';
  /** The emulator passes its REST warehouses, reused by the first workspace. */
  warehouses?: readonly EmulatedWarehouse[];
}

export interface SeededAccount {
  accountId: string;
  cloud: string;
  /** First usage date and the day the data is read on (`YYYY-MM-DD`). */
  firstUsageDate: string;
  today: string;
  workspaces: {
    workspaceId: string;
    name: string;
    url: string;
    warehouseIds: string[];
    jobIds: string[];
    clusterIds: string[];
  }[];
  /** `PREMIUM_ALL_PURPOSE_COMPUTE` gets a new list price at this instant. */
  priceChange: { skuName: string; at: string };
  /** Rows written per system table. */
  rowCounts: Record<string, number>;
}

export async function seedAccount(pool: pg.Pool, options: SeedOptions = {}): Promise<SeededAccount> {
  const random = new SeededRandom(options.seed ?? 1);
  const days = options.days ?? 90;
  const today = startOfDay(options.today ?? new Date());
  const windowStart = addDays(today, -days);
  const accountId = random.uuid();
  const cloud = options.cloud ?? 'AWS';
  const workspaces = accountShape(random, options.workspaces ?? 3, windowStart, options.warehouses ?? []);
  const activity = accountActivity(random, workspaces, windowStart, days);
  const priceChangeAt = addDays(windowStart, Math.floor(days / 2));
  const resources = { random, accountId, windowStart, days };
  const tables: [string, Record<string, unknown>[]][] = [
    ['system.access.workspaces_latest', workspaceRows(resources, workspaces)],
    ['system.compute.clusters', clusterRows(resources, workspaces, activity)],
    ['system.lakeflow.jobs', jobRows(resources, workspaces)],
    ['system.lakeflow.job_run_timeline', jobRunTimelineRows(resources, activity)],
    ['system.compute.warehouses', warehouseRows(resources, workspaces)],
    ['system.compute.warehouse_events', warehouseEventRows(resources, activity)],
    ['system.query.history', queryHistoryRows(resources, workspaces, activity)],
    ['system.billing.list_prices', listPriceRows({ random, accountId, cloud, today }, priceChangeAt)],
    ['system.billing.usage', usageRows({ random, accountId, cloud, today }, activity)],
  ];
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const [table, rows] of tables) await insertRows(client, table, rows);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return {
    accountId,
    cloud,
    firstUsageDate: isoDate(windowStart),
    today: isoDate(today),
    workspaces: workspaces.map((w) => ({
      workspaceId: w.workspaceId,
      name: w.name,
      url: w.url,
      warehouseIds: w.warehouses.map((x) => x.warehouseId),
      jobIds: w.jobs.map((j) => j.jobId),
      clusterIds: w.clusters.map((c) => c.clusterId),
    })),
    priceChange: { skuName: SKUS.allPurpose, at: priceChangeAt.toISOString() },
    rowCounts: Object.fromEntries(tables.map(([table, rows]) => [table, rows.length])),
  };
}

function startOfDay(date: Date): Date {
  return new Date(`${isoDate(date)}T00:00:00Z`);
}
