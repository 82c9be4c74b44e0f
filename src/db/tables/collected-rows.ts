/**
 * The raw copies of Databricks system tables, one row per source row and region (see
 * migrations/2026_11_23_1500_create_collected_tables.ts and src/collectors/). Quantities and
 * prices are `numeric` (strings here, exact); structs, maps and arrays are jsonb.
 */
type Json = unknown;

interface Collected {
  region_id: string;
  collected_at: Date;
}

export interface CollectedBillingUsageTable extends Collected {
  record_id: string;
  account_id: string | null;
  workspace_id: string | null;
  sku_name: string | null;
  cloud: string | null;
  usage_start_time: Date | null;
  usage_end_time: Date | null;
  usage_date: Date | null;
  custom_tags: Json;
  usage_unit: string | null;
  usage_quantity: string | null;
  usage_metadata: Json;
  identity_metadata: Json;
  /** ORIGINAL, RETRACTION or RESTATEMENT: net usage is the sum over all three. */
  record_type: string | null;
  ingestion_date: Date | null;
  billing_origin_product: string | null;
  product_features: Json;
  usage_type: string | null;
}

export interface CollectedListPricesTable extends Collected {
  account_id: string | null;
  sku_name: string;
  cloud: string;
  currency_code: string;
  usage_unit: string;
  price_start_time: Date;
  price_end_time: Date | null;
  pricing: Json;
  price_default: string | null;
  price_promotional: string | null;
  price_effective_list: string | null;
}

export interface CollectedClustersTable extends Collected {
  account_id: string | null;
  workspace_id: string;
  cluster_id: string;
  cluster_name: string | null;
  owned_by: string | null;
  create_time: Date | null;
  delete_time: Date | null;
  driver_node_type: string | null;
  worker_node_type: string | null;
  worker_count: number | null;
  min_autoscale_workers: number | null;
  max_autoscale_workers: number | null;
  auto_termination_minutes: number | null;
  enable_elastic_disk: boolean | null;
  tags: Json;
  cluster_source: string | null;
  init_scripts: Json;
  aws_attributes: Json;
  azure_attributes: Json;
  gcp_attributes: Json;
  driver_instance_pool_id: string | null;
  worker_instance_pool_id: string | null;
  dbr_version: string | null;
  change_time: Date | null;
  change_date: Date | null;
  data_security_mode: string | null;
  policy_id: string | null;
}

export interface CollectedJobsTable extends Collected {
  account_id: string | null;
  workspace_id: string;
  job_id: string;
  name: string | null;
  description: string | null;
  creator_id: string | null;
  tags: Json;
  change_time: Date | null;
  delete_time: Date | null;
  run_as: string | null;
}

export interface CollectedWarehouseEventsTable extends Collected {
  account_id: string | null;
  workspace_id: string;
  warehouse_id: string;
  event_type: string;
  cluster_count: number | null;
  event_time: Date;
}

/**
 * One node's utilisation over one UTC hour, rolled up from system.compute.node_timeline minutes at
 * collection (src/collectors/node-hour-rollup.ts); percentages 0–100, CPU is user + system.
 */
export interface CollectedNodeHoursTable extends Collected {
  account_id: string | null;
  workspace_id: string;
  cluster_id: string;
  instance_id: string;
  hour: Date;
  minutes_seen: number;
  /** Bit m set: minute m of the hour is counted (bigint; read as a JS number it is inexact: use in SQL). */
  minute_mask: number;
  cpu_percent_sum: string;
  cpu_percent_max: string;
  memory_percent_sum: string;
  memory_percent_max: string;
  last_minute_start: Date;
  /** End of the last minute the node reported in this hour. */
  seen_until: Date;
  driver: boolean | null;
  node_type: string | null;
}

export interface CollectedJobRunTimelineTable extends Collected {
  account_id: string | null;
  workspace_id: string;
  job_id: string;
  run_id: string;
  period_start_time: Date;
  period_end_time: Date | null;
  trigger_type: string | null;
  run_type: string | null;
  run_name: string | null;
  compute_ids: Json;
  result_state: string | null;
  termination_code: string | null;
  job_parameters: Json;
}

export interface CollectedQueryHistoryTable extends Collected {
  account_id: string | null;
  workspace_id: string;
  statement_id: string;
  session_id: string | null;
  execution_status: string | null;
  compute: Json;
  executed_by_user_id: string | null;
  executed_by: string | null;
  statement_text: string | null;
  statement_type: string | null;
  error_message: string | null;
  client_application: string | null;
  client_driver: string | null;
  total_duration_ms: number | null;
  waiting_for_compute_duration_ms: number | null;
  waiting_at_capacity_duration_ms: number | null;
  execution_duration_ms: number | null;
  compilation_duration_ms: number | null;
  total_task_duration_ms: number | null;
  result_fetch_duration_ms: number | null;
  start_time: Date | null;
  end_time: Date | null;
  update_time: Date | null;
  read_partitions: number | null;
  pruned_files: number | null;
  read_files: number | null;
  read_rows: number | null;
  produced_rows: number | null;
  read_bytes: number | null;
  read_io_cache_percent: number | null;
  from_result_cache: boolean | null;
  spilled_local_bytes: number | null;
  written_bytes: number | null;
  shuffle_read_bytes: number | null;
  query_source: Json;
  executed_as: string | null;
  executed_as_user_id: string | null;
}

export interface CollectedWorkspacesTable extends Collected {
  account_id: string | null;
  workspace_id: string;
  workspace_name: string | null;
  workspace_url: string | null;
  create_time: Date | null;
  status: string | null;
}

/** Rows of the optional system tables, whole, keyed by `row_key` (the natural key as a JSON array). */
export interface CollectedOptionalRowsTable extends Collected {
  source_table: string;
  row_key: string;
  version_time: Date | null;
  row: Json;
}
