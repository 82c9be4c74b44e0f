import { sql, type Kysely } from 'kysely';

/**
 * What the collectors read from each region's Databricks system tables, kept raw: one table per
 * core system table (typed columns; structs, maps and arrays as jsonb so new struct fields are
 * kept), one jsonb table for the optional ones, plus each table's checkpoint and every run.
 * Every row belongs to a region connector and goes with it.
 */
const REGION = `region_id uuid not null references region_connectors (id) on delete cascade`;
const COLLECTED_AT = `collected_at timestamptz not null`;

const STATEMENTS = [
  `create table collected_billing_usage (
    ${REGION},
    record_id text not null,
    account_id text, workspace_id text, sku_name text, cloud text,
    usage_start_time timestamptz, usage_end_time timestamptz, usage_date date,
    custom_tags jsonb, usage_unit text, usage_quantity numeric,
    usage_metadata jsonb, identity_metadata jsonb,
    record_type text, ingestion_date date, billing_origin_product text,
    product_features jsonb, usage_type text,
    ${COLLECTED_AT},
    primary key (region_id, record_id))`,
  `create index collected_billing_usage_date_idx on collected_billing_usage (region_id, usage_date)`,

  `create table collected_list_prices (
    ${REGION},
    account_id text, sku_name text not null, cloud text not null, currency_code text not null,
    usage_unit text not null, price_start_time timestamptz not null, price_end_time timestamptz,
    pricing jsonb, price_default numeric, price_promotional numeric, price_effective_list numeric,
    ${COLLECTED_AT},
    primary key (region_id, sku_name, cloud, currency_code, usage_unit, price_start_time))`,

  `create table collected_clusters (
    ${REGION},
    account_id text, workspace_id text not null, cluster_id text not null,
    cluster_name text, owned_by text, create_time timestamptz, delete_time timestamptz,
    driver_node_type text, worker_node_type text, worker_count bigint,
    min_autoscale_workers bigint, max_autoscale_workers bigint, auto_termination_minutes bigint,
    enable_elastic_disk boolean, tags jsonb, cluster_source text, init_scripts jsonb,
    aws_attributes jsonb, azure_attributes jsonb, gcp_attributes jsonb,
    driver_instance_pool_id text, worker_instance_pool_id text, dbr_version text,
    change_time timestamptz, change_date date, data_security_mode text, policy_id text,
    ${COLLECTED_AT},
    primary key (region_id, workspace_id, cluster_id))`,

  `create table collected_jobs (
    ${REGION},
    account_id text, workspace_id text not null, job_id text not null,
    name text, description text, creator_id text, tags jsonb,
    change_time timestamptz, delete_time timestamptz, run_as text,
    ${COLLECTED_AT},
    primary key (region_id, workspace_id, job_id))`,

  `create table collected_warehouse_events (
    ${REGION},
    account_id text, workspace_id text not null, warehouse_id text not null,
    event_type text not null, cluster_count integer, event_time timestamptz not null,
    ${COLLECTED_AT},
    primary key (region_id, workspace_id, warehouse_id, event_time, event_type))`,

  `create table collected_job_run_timeline (
    ${REGION},
    account_id text, workspace_id text not null, job_id text not null, run_id text not null,
    period_start_time timestamptz not null, period_end_time timestamptz,
    trigger_type text, run_type text, run_name text, compute_ids jsonb,
    result_state text, termination_code text, job_parameters jsonb,
    ${COLLECTED_AT},
    primary key (region_id, workspace_id, job_id, run_id, period_start_time))`,

  `create table collected_query_history (
    ${REGION},
    account_id text, workspace_id text not null, statement_id text not null, session_id text,
    execution_status text, compute jsonb, executed_by_user_id text, executed_by text,
    statement_text text, statement_type text, error_message text,
    client_application text, client_driver text,
    total_duration_ms bigint, waiting_for_compute_duration_ms bigint,
    waiting_at_capacity_duration_ms bigint, execution_duration_ms bigint,
    compilation_duration_ms bigint, total_task_duration_ms bigint, result_fetch_duration_ms bigint,
    start_time timestamptz, end_time timestamptz, update_time timestamptz,
    read_partitions bigint, pruned_files bigint, read_files bigint, read_rows bigint,
    produced_rows bigint, read_bytes bigint, read_io_cache_percent integer,
    from_result_cache boolean, spilled_local_bytes bigint, written_bytes bigint,
    shuffle_read_bytes bigint, query_source jsonb, executed_as text, executed_as_user_id text,
    ${COLLECTED_AT},
    primary key (region_id, workspace_id, statement_id))`,
  `create index collected_query_history_start_idx on collected_query_history (region_id, start_time)`,

  `create table collected_workspaces (
    ${REGION},
    account_id text, workspace_id text not null, workspace_name text, workspace_url text,
    create_time timestamptz, status text,
    ${COLLECTED_AT},
    primary key (region_id, workspace_id))`,

  // Optional system tables (serving, MLflow, audit, lineage, predictive optimization, warehouses):
  // the whole row as jsonb, keyed by the table's natural key; version_time keeps the latest.
  `create table collected_optional_rows (
    ${REGION},
    source_table text not null,
    row_key text not null,
    version_time timestamptz,
    row jsonb not null,
    ${COLLECTED_AT},
    primary key (region_id, source_table, row_key))`,

  // Where each table resumes. Advanced only in the transaction that wrote the rows it covers.
  `create table collector_checkpoints (
    ${REGION},
    table_name text not null,
    cursor timestamptz,
    last_collected_at timestamptz,
    updated_at timestamptz not null,
    primary key (region_id, table_name))`,

  `create table collector_runs (
    id uuid primary key,
    ${REGION},
    trigger text not null check (trigger in ('schedule', 'manual', 'remote')),
    started_at timestamptz not null,
    finished_at timestamptz,
    status text not null
      check (status in ('running', 'succeeded', 'partial', 'failed', 'aborted', 'abandoned')),
    failure text check (failure in ('auth', 'warehouse')),
    rows jsonb not null default '{}'::jsonb,
    errors jsonb not null default '{}'::jsonb,
    unavailable jsonb not null default '[]'::jsonb)`,
  `create index collector_runs_region_idx on collector_runs (region_id, started_at desc)`,
];

const TABLES = [
  'collector_runs',
  'collector_checkpoints',
  'collected_optional_rows',
  'collected_workspaces',
  'collected_query_history',
  'collected_job_run_timeline',
  'collected_warehouse_events',
  'collected_jobs',
  'collected_clusters',
  'collected_list_prices',
  'collected_billing_usage',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).execute();
}
