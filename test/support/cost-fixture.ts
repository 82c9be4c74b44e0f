/**
 * Cost test data: a region connector, and a seeded emulator account copied into the collected_*
 * tables as the collectors would store it (latest version per key for slowly changing tables).
 * Rows can also be written straight into collected_billing_usage for built scenarios.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';
import { normalizeRow } from '../../src/collectors/collected-row.js';
import { NODE_TIMELINE } from '../../src/collectors/optional-system-tables.js';
import { batchCursor, writeBatch } from '../../src/collectors/write-batch.js';
import type { Db } from '../../src/db/database.js';

export async function createRegion(db: Db, region = 'us-east-1'): Promise<string> {
  const connectorId = randomUUID();
  const regionId = randomUUID();
  const now = new Date();
  await db
    .insertInto('connectors')
    .values({
      id: connectorId,
      name: `acme-${region}-${connectorId.slice(0, 4)}`,
      cloud: 'aws',
      workspace_url: 'https://dbc-test.cloud.databricks.com',
      account_id: 'acct',
      client_id: 'sp',
      client_secret: Buffer.from('sealed'),
      created_by: 'slack:U0ADMIN',
      created_at: now,
    })
    .execute();
  await db
    .insertInto('region_connectors')
    .values({
      id: regionId,
      connector_id: connectorId,
      region,
      workspace_url: 'https://dbc-test.cloud.databricks.com',
      created_at: now,
    })
    .execute();
  return regionId;
}

/** System table → collected table, with the emulator select that gives the collected columns. */
const COPIES: [string, string, string][] = [
  ['collected_billing_usage', '"system__billing"."usage"', 'select * from "system__billing"."usage"'],
  [
    'collected_list_prices',
    '"system__billing"."list_prices"',
    `select *, (pricing->>'default')::numeric as price_default,
       (pricing->'promotional'->>'default')::numeric as price_promotional,
       (pricing->'effective_list'->>'default')::numeric as price_effective_list
     from "system__billing"."list_prices"`,
  ],
  [
    'collected_clusters',
    '"system__compute"."clusters"',
    `select distinct on (workspace_id, cluster_id) * from "system__compute"."clusters"
     order by workspace_id, cluster_id, change_time desc`,
  ],
  [
    'collected_jobs',
    '"system__lakeflow"."jobs"',
    `select distinct on (workspace_id, job_id) * from "system__lakeflow"."jobs"
     order by workspace_id, job_id, change_time desc`,
  ],
  ['collected_job_run_timeline', '', 'select * from "system__lakeflow"."job_run_timeline"'],
  ['collected_workspaces', '', 'select * from "system__access"."workspaces_latest"'],
];

const PAGE = 5_000;

/** Copies one emulator query's rows into a collected table (JSON text end to end: decimals stay exact). */
export async function copyRows(
  emulator: pg.Pool,
  db: Db,
  regionId: string,
  table: string,
  select: string,
): Promise<number> {
  let copied = 0;
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = await emulator.query<{ page: string | null }>(
      `select json_agg(t)::text as page from
         (select * from (${select}) s order by s::text offset ${offset} limit ${PAGE}) t`,
    );
    const page = rows[0]?.page;
    if (!page) return copied;
    const result = await sql`
      insert into ${sql.table(table)}
      select * from jsonb_populate_recordset(null::${sql.table(table)},
        (select jsonb_agg(r || jsonb_build_object('region_id', ${regionId}::text, 'collected_at', now()))
         from jsonb_array_elements(${page}::jsonb) r))
      on conflict do nothing`.execute(db);
    copied += Number(result.numAffectedRows ?? 0);
  }
}

/** Copies every cost-relevant system table of a seeded emulator account into the collected tables. */
export async function copySeededAccount(emulator: pg.Pool, db: Db, regionId: string): Promise<void> {
  for (const [table, , select] of COPIES) await copyRows(emulator, db, regionId, table, select);
}

/** Every usage date present in the collected billing rows. */
export async function collectedUsageDates(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('collected_billing_usage')
    .select(sql<string>`usage_date::text`.as('day'))
    .distinct()
    .orderBy('day')
    .execute();
  return rows.map((row) => row.day);
}

export interface ScenarioUsage {
  workspaceId: string;
  skuName: string;
  product: string;
  start: Date;
  hours?: number;
  quantity: number;
  metadata?: Record<string, string>;
  identity?: Record<string, string>;
  tags?: Record<string, string>;
}

/** Writes billing rows of a built scenario straight into the collected table (ORIGINAL records). */
export async function insertUsage(
  db: Db,
  regionId: string,
  rows: readonly ScenarioUsage[],
): Promise<string[]> {
  const ids: string[] = [];
  if (rows.length === 0) return ids;
  await db
    .insertInto('collected_billing_usage')
    .values(
      rows.map((row) => {
        const id = randomUUID();
        ids.push(id);
        const end = new Date(row.start.getTime() + (row.hours ?? 1) * 3_600_000);
        return {
          region_id: regionId,
          record_id: id,
          account_id: 'acct',
          workspace_id: row.workspaceId,
          sku_name: row.skuName,
          cloud: 'AWS',
          usage_start_time: row.start,
          usage_end_time: end,
          usage_date: row.start.toISOString().slice(0, 10) as unknown as Date,
          custom_tags: JSON.stringify(row.tags ?? {}),
          usage_unit: 'DBU',
          usage_quantity: String(row.quantity),
          usage_metadata: JSON.stringify(row.metadata ?? {}),
          identity_metadata: JSON.stringify(row.identity ?? {}),
          record_type: 'ORIGINAL',
          ingestion_date: end.toISOString().slice(0, 10) as unknown as Date,
          billing_origin_product: row.product,
          product_features: JSON.stringify({}),
          usage_type: 'COMPUTE_TIME',
          collected_at: new Date(),
        };
      }),
    )
    .execute();
  return ids;
}

/** Writes rows into one of the emulator's system tables (`system.compute.node_timeline`, …). */
export async function insertSystemRows(
  emulator: pg.Pool,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const [, schema, name] = table.split('.');
  const qualified = `"system__${schema}"."${name}"`;
  for (let i = 0; i < rows.length; i += PAGE) {
    await emulator.query(
      `insert into ${qualified} select * from jsonb_populate_recordset(null::${qualified}, $1::jsonb)`,
      [JSON.stringify(rows.slice(i, i + PAGE))],
    );
  }
}

/** Minutes of node_timeline for each node of a cluster, at a steady utilisation. */
export function nodeMinutes(options: {
  workspaceId: string;
  clusterId: string;
  nodes: number;
  from: Date;
  minutes: number;
  cpuPercent: number;
  memoryPercent: number;
}): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let node = 0; node < options.nodes; node++) {
    for (let m = 0; m < options.minutes; m++) {
      const start = new Date(options.from.getTime() + m * 60_000);
      rows.push({
        account_id: 'acct',
        workspace_id: options.workspaceId,
        cluster_id: options.clusterId,
        instance_id: `${options.clusterId}-node-${node}`,
        start_time: start.toISOString(),
        end_time: new Date(start.getTime() + 60_000).toISOString(),
        driver: node === 0,
        cpu_user_percent: options.cpuPercent * 0.7,
        cpu_system_percent: options.cpuPercent * 0.3,
        cpu_wait_percent: 0.1,
        mem_used_percent: options.memoryPercent,
        mem_swap_percent: 0,
        network_sent_bytes: 1000,
        network_received_bytes: 1000,
        disk_free_bytes_per_mount_point: { '/': 50_000_000_000 },
        node_type: 'i3.xlarge',
      });
    }
  }
  return rows;
}

/** What a finished collector run leaves behind: the run, and each table's last collection time. */
export async function recordCollectorRun(
  db: Db,
  regionId: string,
  at: Date,
  tables: readonly string[] = [],
): Promise<void> {
  await db
    .insertInto('collector_runs')
    .values({
      id: randomUUID(),
      region_id: regionId,
      trigger: 'schedule',
      started_at: at,
      finished_at: at,
      status: 'succeeded',
    })
    .execute();
  if (tables.length === 0) return;
  await db
    .insertInto('collector_checkpoints')
    .values(
      tables.map((table_name) => ({
        region_id: regionId,
        table_name,
        cursor: null,
        last_collected_at: at,
        updated_at: at,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['region_id', 'table_name']).doUpdateSet({ last_collected_at: at, updated_at: at }),
    )
    .execute();
}

/**
 * Stores node_timeline minutes (see `nodeMinutes`) as the collector does: one batch through the
 * collector's writer, rolled up into node hours, the table's checkpoint advanced with it.
 */
export async function insertCollectedNodeMinutes(
  db: Db,
  regionId: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += PAGE) {
    const batch = rows.slice(i, i + PAGE).map((row) => normalizeRow(NODE_TIMELINE, row));
    await writeBatch(db, {
      regionId,
      table: NODE_TIMELINE,
      rows: batch,
      checkpoint: batchCursor(NODE_TIMELINE, batch),
      at: new Date(),
    });
  }
}

/** Collects the emulator's node_timeline minutes matching `where` (see `insertCollectedNodeMinutes`). */
export async function collectNodeMinutes(
  emulator: pg.Pool,
  db: Db,
  regionId: string,
  where: string,
): Promise<void> {
  const { rows } = await emulator.query<Record<string, unknown>>(
    `select * from "system__compute"."node_timeline" where ${where} order by start_time`,
  );
  await insertCollectedNodeMinutes(db, regionId, rows);
}
