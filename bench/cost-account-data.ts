/**
 * A large account's billing rows, generated straight into collected_billing_usage with
 * generate_series (no emulator): every job runs once a day for an hour, weekends lighter, and
 * each workspace has all-purpose clusters running office hours on weekdays.
 */
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';

export interface CostAccountShape {
  days: number;
  workspaces: number;
  jobsPerWorkspace: number;
  clustersPerWorkspace: number;
}

const workspaceId = (w: unknown) => sql`(1000000000000000 + ${w})::text`;

/** Days `[from, to)` of job usage for every workspace and job. */
export async function insertJobUsage(
  db: Db,
  regionId: string,
  shape: CostAccountShape,
  from: Date,
  to: Date,
  hourFilter?: { from: Date; to: Date },
) {
  const window = hourFilter
    ? sql`and d + make_interval(hours => j % 24, mins => (j * 7) % 60) >= ${hourFilter.from}
          and d + make_interval(hours => j % 24, mins => (j * 7) % 60) < ${hourFilter.to}`
    : sql``;
  return sql`
    insert into collected_billing_usage (region_id, record_id, account_id, workspace_id, sku_name, cloud,
      usage_start_time, usage_end_time, usage_date, custom_tags, usage_unit, usage_quantity, usage_metadata,
      identity_metadata, record_type, ingestion_date, billing_origin_product, product_features, usage_type, collected_at)
    select ${regionId}::uuid, md5(d::text || '/' || w || '/' || j), 'acct', ${workspaceId(sql`w`)},
      'PREMIUM_JOBS_COMPUTE', 'AWS',
      d + make_interval(hours => j % 24, mins => (j * 7) % 60),
      d + make_interval(hours => j % 24 + 1, mins => (j * 7) % 60),
      (d + make_interval(hours => j % 24, mins => (j * 7) % 60))::date,
      jsonb_build_object('team', 'team-' || (j % 10), 'cost_center', 'cc-' || (w % 4)), 'DBU',
      round(((2 + j % 13) * (case when extract(isodow from d) >= 6 then 0.6 else 1 end)
        * (0.9 + (abs(hashtext(d::text || w || j)) % 1000) / 5000.0))::numeric, 6),
      jsonb_build_object('job_id', (w * 100000 + j)::text, 'job_run_id', md5(d::text || w || j),
        'cluster_id', 'job-' || w || '-' || j),
      jsonb_build_object('run_as', 'user' || (j % 50) || '@example.com'),
      'ORIGINAL', (d + interval '6 hours')::date, 'JOBS', '{}'::jsonb, 'COMPUTE_TIME', now()
    from generate_series(${from}::timestamptz, ${to}::timestamptz - interval '1 day', interval '1 day') d,
      generate_series(1, ${shape.workspaces}) w, generate_series(1, ${shape.jobsPerWorkspace}) j
    where true ${window}
    on conflict do nothing`.execute(db);
}

/** All-purpose clusters, 08:00–18:00 on weekdays. */
export async function insertClusterUsage(
  db: Db,
  regionId: string,
  shape: CostAccountShape,
  from: Date,
  to: Date,
) {
  return sql`
    insert into collected_billing_usage (region_id, record_id, account_id, workspace_id, sku_name, cloud,
      usage_start_time, usage_end_time, usage_date, custom_tags, usage_unit, usage_quantity, usage_metadata,
      identity_metadata, record_type, ingestion_date, billing_origin_product, product_features, usage_type, collected_at)
    select ${regionId}::uuid, md5('c' || h::text || '/' || w || '/' || c), 'acct', ${workspaceId(sql`w`)},
      'PREMIUM_ALL_PURPOSE_COMPUTE', 'AWS', h, h + interval '1 hour', h::date,
      jsonb_build_object('team', 'team-' || (c % 10)), 'DBU', (4 + c)::numeric,
      jsonb_build_object('cluster_id', 'ap-' || w || '-' || c), jsonb_build_object('owned_by', 'owner' || c || '@example.com'),
      'ORIGINAL', h::date, 'ALL_PURPOSE', '{}'::jsonb, 'COMPUTE_TIME', now()
    from generate_series(${from}::timestamptz, ${to}::timestamptz - interval '1 hour', interval '1 hour') h,
      generate_series(1, ${shape.workspaces}) w, generate_series(1, ${shape.clustersPerWorkspace}) c
    where extract(isodow from h) < 6 and extract(hour from h) between 8 and 17
    on conflict do nothing`.execute(db);
}

export async function insertPricesAndNames(db: Db, regionId: string, shape: CostAccountShape): Promise<void> {
  const collected = { region_id: regionId, collected_at: new Date() };
  await db
    .insertInto('collected_list_prices')
    .values(
      [
        ['PREMIUM_JOBS_COMPUTE', '0.15'],
        ['PREMIUM_ALL_PURPOSE_COMPUTE', '0.55'],
      ].map(([sku, price]) => ({
        ...collected,
        sku_name: sku!,
        cloud: 'AWS',
        currency_code: 'USD',
        usage_unit: 'DBU',
        price_start_time: new Date('2020-01-01T00:00:00Z'),
        price_end_time: null,
        pricing: JSON.stringify({ default: price }),
        price_default: price!,
        price_promotional: null,
        price_effective_list: price!,
      })),
    )
    .execute();
  await sql`
    insert into collected_workspaces (region_id, workspace_id, workspace_name, collected_at)
    select ${regionId}::uuid, ${workspaceId(sql`w`)}, 'workspace-' || w, now() from generate_series(1, ${shape.workspaces}) w`.execute(
    db,
  );
}
