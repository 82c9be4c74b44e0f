/**
 * The system tables every region collects. If the principal cannot read one of them, the
 * region is degraded. Column lists follow the Databricks system-table reference.
 */
import { cols, DAY_MS, decimal, type SystemTableSpec } from './system-table-spec.js';

export const BILLING_USAGE: SystemTableSpec = {
  name: 'system.billing.usage',
  required: true,
  columns: [
    ...cols('text', 'record_id', 'account_id', 'workspace_id', 'sku_name', 'cloud'),
    ...cols('timestamp', 'usage_start_time', 'usage_end_time'),
    ...cols('date', 'usage_date'),
    ...cols('json', 'custom_tags'),
    ...cols('text', 'usage_unit'),
    decimal('usage_quantity'),
    ...cols('json', 'usage_metadata', 'identity_metadata'),
    ...cols('text', 'record_type'),
    ...cols('date', 'ingestion_date'),
    ...cols('text', 'billing_origin_product'),
    ...cols('json', 'product_features'),
    ...cols('text', 'usage_type'),
  ],
  // Corrections (RETRACTION, RESTATEMENT) are records of their own, with a new ingestion date.
  key: ['record_id'],
  touchedDateColumn: 'usage_date',
  cursor: { kind: 'incremental', column: 'ingestion_date', unit: 'date', overlapMs: 2 * DAY_MS },
  storage: { kind: 'typed', table: 'collected_billing_usage' },
};

export const LIST_PRICES: SystemTableSpec = {
  name: 'system.billing.list_prices',
  required: true,
  columns: [
    ...cols('timestamp', 'price_start_time', 'price_end_time'),
    ...cols('text', 'account_id', 'sku_name', 'cloud', 'currency_code', 'usage_unit'),
    ...cols('json', 'pricing'),
    decimal('price_default', 'pricing.default'),
    decimal('price_promotional', 'pricing.promotional.default'),
    decimal('price_effective_list', 'pricing.effective_list.default'),
  ],
  key: ['sku_name', 'cloud', 'currency_code', 'usage_unit', 'price_start_time'],
  // Small, and an old price gets its end time when a new one starts: read it whole.
  cursor: { kind: 'full' },
  storage: { kind: 'typed', table: 'collected_list_prices' },
};

export const CLUSTERS: SystemTableSpec = {
  name: 'system.compute.clusters',
  required: true,
  columns: [
    ...cols('text', 'account_id', 'workspace_id', 'cluster_id', 'cluster_name', 'owned_by'),
    ...cols('timestamp', 'create_time', 'delete_time'),
    ...cols('text', 'driver_node_type', 'worker_node_type'),
    ...cols('bigint', 'worker_count', 'min_autoscale_workers', 'max_autoscale_workers'),
    ...cols('bigint', 'auto_termination_minutes'),
    ...cols('boolean', 'enable_elastic_disk'),
    ...cols('json', 'tags'),
    ...cols('text', 'cluster_source'),
    ...cols('json', 'init_scripts', 'aws_attributes', 'azure_attributes', 'gcp_attributes'),
    ...cols('text', 'driver_instance_pool_id', 'worker_instance_pool_id', 'dbr_version'),
    ...cols('timestamp', 'change_time'),
    ...cols('date', 'change_date'),
    ...cols('text', 'data_security_mode', 'policy_id'),
  ],
  key: ['workspace_id', 'cluster_id'],
  versionColumn: 'change_time',
  cursor: { kind: 'incremental', column: 'change_time', unit: 'timestamp', overlapMs: DAY_MS },
  storage: { kind: 'typed', table: 'collected_clusters' },
};

export const JOBS: SystemTableSpec = {
  name: 'system.lakeflow.jobs',
  required: true,
  columns: [
    ...cols('text', 'account_id', 'workspace_id', 'job_id', 'name', 'description', 'creator_id'),
    ...cols('json', 'tags'),
    ...cols('timestamp', 'change_time', 'delete_time'),
    ...cols('text', 'run_as'),
  ],
  key: ['workspace_id', 'job_id'],
  versionColumn: 'change_time',
  cursor: { kind: 'incremental', column: 'change_time', unit: 'timestamp', overlapMs: DAY_MS },
  storage: { kind: 'typed', table: 'collected_jobs' },
};

export const WAREHOUSE_EVENTS: SystemTableSpec = {
  name: 'system.compute.warehouse_events',
  required: true,
  columns: [
    ...cols('text', 'account_id', 'workspace_id', 'warehouse_id', 'event_type'),
    ...cols('integer', 'cluster_count'),
    ...cols('timestamp', 'event_time'),
  ],
  key: ['workspace_id', 'warehouse_id', 'event_time', 'event_type'],
  cursor: { kind: 'incremental', column: 'event_time', unit: 'timestamp', overlapMs: DAY_MS },
  storage: { kind: 'typed', table: 'collected_warehouse_events' },
};

export const JOB_RUN_TIMELINE: SystemTableSpec = {
  name: 'system.lakeflow.job_run_timeline',
  required: true,
  columns: [
    ...cols('text', 'account_id', 'workspace_id', 'job_id', 'run_id'),
    ...cols('timestamp', 'period_start_time', 'period_end_time'),
    ...cols('text', 'trigger_type', 'run_type', 'run_name'),
    ...cols('json', 'compute_ids'),
    ...cols('text', 'result_state', 'termination_code'),
    ...cols('json', 'job_parameters'),
  ],
  key: ['workspace_id', 'job_id', 'run_id', 'period_start_time'],
  // A period's row appears after the period ends, and its final state later still: look back 2 days.
  cursor: { kind: 'incremental', column: 'period_start_time', unit: 'timestamp', overlapMs: 2 * DAY_MS },
  storage: { kind: 'typed', table: 'collected_job_run_timeline' },
};

export const QUERY_HISTORY: SystemTableSpec = {
  name: 'system.query.history',
  required: true,
  columns: [
    ...cols('text', 'account_id', 'workspace_id', 'statement_id', 'session_id', 'execution_status'),
    ...cols('json', 'compute'),
    ...cols('text', 'executed_by_user_id', 'executed_by', 'statement_text', 'statement_type'),
    ...cols('text', 'error_message', 'client_application', 'client_driver'),
    ...cols('bigint', 'total_duration_ms', 'waiting_for_compute_duration_ms'),
    ...cols('bigint', 'waiting_at_capacity_duration_ms', 'execution_duration_ms'),
    ...cols('bigint', 'compilation_duration_ms', 'total_task_duration_ms', 'result_fetch_duration_ms'),
    ...cols('timestamp', 'start_time', 'end_time', 'update_time'),
    ...cols('bigint', 'read_partitions', 'pruned_files', 'read_files', 'read_rows', 'produced_rows'),
    ...cols('bigint', 'read_bytes'),
    ...cols('integer', 'read_io_cache_percent'),
    ...cols('boolean', 'from_result_cache'),
    ...cols('bigint', 'spilled_local_bytes', 'written_bytes', 'shuffle_read_bytes'),
    ...cols('json', 'query_source'),
    ...cols('text', 'executed_as', 'executed_as_user_id'),
  ],
  key: ['workspace_id', 'statement_id'],
  // A statement's row is updated while it runs; update_time says which version is newer.
  versionColumn: 'update_time',
  cursor: {
    kind: 'incremental',
    column: 'update_time',
    unit: 'timestamp',
    overlapMs: DAY_MS,
    initialLookbackMs: 30 * DAY_MS,
  },
  storage: { kind: 'typed', table: 'collected_query_history' },
};

export const WORKSPACES: SystemTableSpec = {
  name: 'system.access.workspaces_latest',
  required: true,
  columns: [
    ...cols('text', 'account_id', 'workspace_id', 'workspace_name', 'workspace_url'),
    ...cols('timestamp', 'create_time'),
    ...cols('text', 'status'),
  ],
  key: ['workspace_id'],
  cursor: { kind: 'full' },
  storage: { kind: 'typed', table: 'collected_workspaces' },
};

export const CORE_SYSTEM_TABLES: readonly SystemTableSpec[] = [
  BILLING_USAGE,
  LIST_PRICES,
  WORKSPACES,
  CLUSTERS,
  JOBS,
  WAREHOUSE_EVENTS,
  JOB_RUN_TIMELINE,
  QUERY_HISTORY,
];
