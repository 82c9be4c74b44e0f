/**
 * The Databricks system tables the emulator keeps in Postgres, with their real column names and
 * Databricks types (from the Databricks system-table reference pages). Structs, maps and arrays
 * are stored as jsonb; the Databricks type of every column is kept as the Postgres column comment
 * so result metadata can be reported the way Databricks would.
 */
import { OPTIONAL_SYSTEM_TABLES } from './system-tables-optional.js';

export interface SystemTableDefinition {
  /** Three-part Databricks name, e.g. `system.billing.usage`. */
  name: string;
  columns: readonly (readonly [name: string, databricksType: string])[];
}

const USAGE_METADATA = `struct<${[
  'cluster_id',
  'job_id',
  'warehouse_id',
  'instance_pool_id',
  'node_type',
  'job_run_id',
  'notebook_id',
  'dlt_pipeline_id',
  'endpoint_name',
  'endpoint_id',
  'dlt_update_id',
  'dlt_maintenance_id',
  'run_name',
  'job_name',
  'notebook_path',
  'central_clean_room_id',
  'source_region',
  'destination_region',
  'app_id',
  'app_name',
  'metastore_id',
  'private_endpoint_name',
  'storage_api_type',
  'budget_policy_id',
  'ai_runtime_pool_id',
  'ai_runtime_workload_id',
  'uc_table_catalog',
  'uc_table_schema',
  'uc_table_name',
  'database_instance_id',
  'sharing_materialization_id',
  'schema_id',
  'usage_policy_id',
  'base_environment_id',
  'agent_bricks_id',
  'index_id',
  'catalog_id',
]
  .map((field) => `${field}:string`)
  .join(',')}>`;

const IDENTITY_METADATA = 'struct<run_as:string,owned_by:string,created_by:string>';

const PRODUCT_FEATURES =
  'struct<jobs_tier:string,sql_tier:string,dlt_tier:string,is_serverless:boolean,is_photon:boolean,' +
  'serving_type:string,offering_type:string,performance_target:string,' +
  'networking:struct<connectivity_type:string>,ai_runtime:struct<compute_type:string>,' +
  'model_serving:struct<offering_type:string>,ai_gateway:struct<feature_type:string>,' +
  'serverless_gpu:struct<workload_type:string>,ai_search:struct<search_type:string>,' +
  'agent_bricks:struct<problem_type:string,workload_type:string>>';

const PRICING =
  'struct<default:decimal(30,18),promotional:struct<default:decimal(30,18)>,' +
  'effective_list:struct<default:decimal(30,18)>>';

const STRING_MAP = 'map<string,string>';

export const SYSTEM_TABLES: readonly SystemTableDefinition[] = [
  {
    name: 'system.billing.usage',
    columns: [
      ['record_id', 'string'],
      ['account_id', 'string'],
      ['workspace_id', 'string'],
      ['sku_name', 'string'],
      ['cloud', 'string'],
      ['usage_start_time', 'timestamp'],
      ['usage_end_time', 'timestamp'],
      ['usage_date', 'date'],
      ['custom_tags', STRING_MAP],
      ['usage_unit', 'string'],
      ['usage_quantity', 'decimal(38,18)'],
      ['usage_metadata', USAGE_METADATA],
      ['identity_metadata', IDENTITY_METADATA],
      ['record_type', 'string'],
      ['ingestion_date', 'date'],
      ['billing_origin_product', 'string'],
      ['product_features', PRODUCT_FEATURES],
      ['usage_type', 'string'],
    ],
  },
  {
    name: 'system.billing.list_prices',
    columns: [
      ['price_start_time', 'timestamp'],
      ['price_end_time', 'timestamp'],
      ['account_id', 'string'],
      ['sku_name', 'string'],
      ['cloud', 'string'],
      ['currency_code', 'string'],
      ['usage_unit', 'string'],
      ['pricing', PRICING],
    ],
  },
  {
    name: 'system.compute.clusters',
    columns: [
      ['account_id', 'string'],
      ['workspace_id', 'string'],
      ['cluster_id', 'string'],
      ['cluster_name', 'string'],
      ['owned_by', 'string'],
      ['create_time', 'timestamp'],
      ['delete_time', 'timestamp'],
      ['driver_node_type', 'string'],
      ['worker_node_type', 'string'],
      ['worker_count', 'bigint'],
      ['min_autoscale_workers', 'bigint'],
      ['max_autoscale_workers', 'bigint'],
      ['auto_termination_minutes', 'bigint'],
      ['enable_elastic_disk', 'boolean'],
      ['tags', STRING_MAP],
      ['cluster_source', 'string'],
      ['init_scripts', 'array<string>'],
      ['aws_attributes', 'struct<first_on_demand:bigint,availability:string,zone_id:string>'],
      ['azure_attributes', 'struct<first_on_demand:bigint,availability:string,spot_bid_max_price:double>'],
      ['gcp_attributes', 'struct<use_preemptible_executors:boolean,zone_id:string>'],
      ['driver_instance_pool_id', 'string'],
      ['worker_instance_pool_id', 'string'],
      ['dbr_version', 'string'],
      ['change_time', 'timestamp'],
      ['change_date', 'date'],
      ['data_security_mode', 'string'],
      ['policy_id', 'string'],
    ],
  },
  {
    name: 'system.compute.warehouses',
    columns: [
      ['warehouse_id', 'string'],
      ['workspace_id', 'string'],
      ['account_id', 'string'],
      ['warehouse_name', 'string'],
      ['warehouse_type', 'string'],
      ['warehouse_channel', 'string'],
      ['warehouse_size', 'string'],
      ['min_clusters', 'int'],
      ['max_clusters', 'int'],
      ['auto_stop_minutes', 'int'],
      ['tags', STRING_MAP],
      ['change_time', 'timestamp'],
      ['delete_time', 'timestamp'],
    ],
  },
  {
    name: 'system.compute.warehouse_events',
    columns: [
      ['account_id', 'string'],
      ['workspace_id', 'string'],
      ['warehouse_id', 'string'],
      ['event_type', 'string'],
      ['cluster_count', 'int'],
      ['event_time', 'timestamp'],
    ],
  },
  {
    name: 'system.lakeflow.jobs',
    columns: [
      ['account_id', 'string'],
      ['workspace_id', 'string'],
      ['job_id', 'string'],
      ['name', 'string'],
      ['description', 'string'],
      ['creator_id', 'string'],
      ['tags', STRING_MAP],
      ['change_time', 'timestamp'],
      ['delete_time', 'timestamp'],
      ['run_as', 'string'],
    ],
  },
  {
    name: 'system.lakeflow.job_run_timeline',
    columns: [
      ['account_id', 'string'],
      ['workspace_id', 'string'],
      ['job_id', 'string'],
      ['run_id', 'string'],
      ['period_start_time', 'timestamp'],
      ['period_end_time', 'timestamp'],
      ['trigger_type', 'string'],
      ['run_type', 'string'],
      ['run_name', 'string'],
      ['compute_ids', 'array<string>'],
      ['result_state', 'string'],
      ['termination_code', 'string'],
      ['job_parameters', STRING_MAP],
    ],
  },
  {
    name: 'system.query.history',
    columns: [
      ['account_id', 'string'],
      ['workspace_id', 'string'],
      ['statement_id', 'string'],
      ['session_id', 'string'],
      ['execution_status', 'string'],
      ['compute', 'struct<type:string,cluster_id:string,warehouse_id:string>'],
      ['executed_by_user_id', 'string'],
      ['executed_by', 'string'],
      ['statement_text', 'string'],
      ['statement_type', 'string'],
      ['error_message', 'string'],
      ['client_application', 'string'],
      ['client_driver', 'string'],
      ['total_duration_ms', 'bigint'],
      ['waiting_for_compute_duration_ms', 'bigint'],
      ['waiting_at_capacity_duration_ms', 'bigint'],
      ['execution_duration_ms', 'bigint'],
      ['compilation_duration_ms', 'bigint'],
      ['total_task_duration_ms', 'bigint'],
      ['result_fetch_duration_ms', 'bigint'],
      ['start_time', 'timestamp'],
      ['end_time', 'timestamp'],
      ['update_time', 'timestamp'],
      ['read_partitions', 'bigint'],
      ['pruned_files', 'bigint'],
      ['read_files', 'bigint'],
      ['read_rows', 'bigint'],
      ['produced_rows', 'bigint'],
      ['read_bytes', 'bigint'],
      ['read_io_cache_percent', 'int'],
      ['from_result_cache', 'boolean'],
      ['spilled_local_bytes', 'bigint'],
      ['written_bytes', 'bigint'],
      ['shuffle_read_bytes', 'bigint'],
      [
        'query_source',
        'struct<job_info:struct<job_id:string,job_run_id:string,job_task_key:string,job_task_run_id:string>,' +
          'dashboard_id:string,legacy_dashboard_id:string,notebook_id:string,sql_query_id:string,alert_id:string,genie_space_id:string>',
      ],
      ['executed_as', 'string'],
      ['executed_as_user_id', 'string'],
    ],
  },
  {
    name: 'system.access.workspaces_latest',
    columns: [
      ['account_id', 'string'],
      ['workspace_id', 'string'],
      ['workspace_name', 'string'],
      ['workspace_url', 'string'],
      ['create_time', 'timestamp'],
      ['status', 'string'],
    ],
  },
  ...OPTIONAL_SYSTEM_TABLES,
];
