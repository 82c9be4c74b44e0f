/**
 * What the emulator's system tables hold next to what the collectors stored: row counts per
 * table and an order-independent checksum over the natural key and the values that matter, so a
 * test can tell "exactly the emulator's rows" from "about as many rows".
 */
import { sql } from 'kysely';
import type pg from 'pg';
import type { Db } from '../../src/db/database.js';

/** Source table → [typed target table, checksum expression over both sides' columns]. */
const COMPARED: Record<string, [target: string, checksum: string]> = {
  'system.billing.usage': [
    'collected_billing_usage',
    `record_id || '|' || record_type || '|' || trim_scale(usage_quantity)::text || '|' || ingestion_date::text || '|' || usage_date::text`,
  ],
  'system.billing.list_prices': [
    'collected_list_prices',
    `sku_name || '|' || extract(epoch from price_start_time)::text || '|' || coalesce(extract(epoch from price_end_time)::text, '-')`,
  ],
  'system.access.workspaces_latest': ['collected_workspaces', `workspace_id || '|' || workspace_name`],
  'system.compute.warehouse_events': [
    'collected_warehouse_events',
    `warehouse_id || '|' || event_type || '|' || extract(epoch from event_time)::text`,
  ],
  'system.lakeflow.job_run_timeline': [
    'collected_job_run_timeline',
    `run_id || '|' || extract(epoch from period_start_time)::text || '|' || coalesce(result_state, '-')`,
  ],
  'system.query.history': [
    'collected_query_history',
    `statement_id || '|' || extract(epoch from update_time)::text`,
  ],
};

/** Slowly changing tables: the stored copy is the latest version per key. */
const LATEST: Record<string, [target: string, key: string, checksum: string]> = {
  'system.compute.clusters': [
    'collected_clusters',
    'workspace_id, cluster_id',
    `cluster_id || '|' || extract(epoch from change_time)::text`,
  ],
  'system.lakeflow.jobs': ['collected_jobs', 'workspace_id, job_id', `job_id || '|' || name`],
};

export interface TableComparison {
  table: string;
  emulator: { rows: number; checksum: string };
  collected: { rows: number; checksum: string };
}

export async function compareCollected(emulatorPool: pg.Pool, db: Db, regionId: string) {
  const results: TableComparison[] = [];
  for (const [source, [target, checksum]] of Object.entries(COMPARED)) {
    results.push({
      table: source,
      emulator: await emulatorSide(emulatorPool, `select ${checksum} as v from ${located(source)}`),
      collected: await collectedSide(db, target, checksum, regionId),
    });
  }
  for (const [source, [target, key, checksum]] of Object.entries(LATEST)) {
    const latest = `select distinct on (${key}) ${checksum} as v from ${located(source)} order by ${key}, change_time desc`;
    results.push({
      table: source,
      emulator: await emulatorSide(emulatorPool, latest),
      collected: await collectedSide(db, target, checksum, regionId),
    });
  }
  return results;
}

async function emulatorSide(pool: pg.Pool, values: string) {
  const { rows } = await pool.query<{ rows: number; checksum: string }>(
    `select count(*)::int as rows, coalesce(md5(string_agg(v, ',' order by v)), '') as checksum from (${values}) x`,
  );
  return rows[0]!;
}

async function collectedSide(db: Db, target: string, checksum: string, regionId: string) {
  const { rows } = await sql<{ rows: number; checksum: string }>`
    select count(*)::int as rows, coalesce(md5(string_agg(v, ',' order by v)), '') as checksum
    from (select ${sql.raw(checksum)} as v from ${sql.table(target)} where region_id = ${regionId}) x`.execute(
    db,
  );
  return rows[0]!;
}

/** `system.billing.usage` → `"system__billing"."usage"` (the emulator's layout, in UTC). */
function located(table: string): string {
  const [, schema, name] = table.split('.');
  return `"system__${schema}"."${name}"`;
}

/** Rows per collected table for the region (typed tables and optional rows by source table). */
export async function collectedCounts(db: Db, regionId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [source, [target]] of [...Object.entries(COMPARED), ...Object.entries(LATEST)]) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(target)} where region_id = ${regionId}`.execute(db);
    counts[source] = rows[0]!.n;
  }
  const optional = await db
    .selectFrom('collected_optional_rows')
    .select(['source_table', (eb) => eb.fn.countAll<number>().as('n')])
    .where('region_id', '=', regionId)
    .groupBy('source_table')
    .execute();
  for (const row of optional) counts[row.source_table] = Number(row.n);
  return counts;
}
