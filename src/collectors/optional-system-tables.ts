/**
 * System tables that light up extra features when the principal may read them (serving, MLflow,
 * audit, lineage, predictive optimization, warehouse settings, node utilisation). Without SELECT
 * they are marked unavailable and the region stays healthy. Rows are kept whole as jsonb
 * (collected_optional_rows), except node_timeline, which is large and queried by time: rolled up
 * per node and hour.
 */
import { NODE_HOUR_ROLLUP, NODE_HOURS_TABLE } from './node-hour-rollup.js';
import { cols, DAY_MS, decimal, HOUR_MS, type SystemTableSpec } from './system-table-spec.js';

const JSON_STORAGE = { kind: 'json' } as const;
const since = (column: string, overlapMs = DAY_MS, initialLookbackMs?: number) =>
  ({
    kind: 'incremental',
    column,
    unit: 'timestamp',
    overlapMs,
    ...(initialLookbackMs === undefined ? {} : { initialLookbackMs }),
  }) as const;

export const WAREHOUSES: SystemTableSpec = {
  name: 'system.compute.warehouses',
  required: false,
  columns: [
    ...cols('text', 'warehouse_id', 'workspace_id', 'account_id', 'warehouse_name', 'warehouse_type'),
    ...cols('text', 'warehouse_channel', 'warehouse_size'),
    ...cols('integer', 'min_clusters', 'max_clusters', 'auto_stop_minutes'),
    ...cols('json', 'tags'),
    ...cols('timestamp', 'change_time', 'delete_time'),
  ],
  key: ['workspace_id', 'warehouse_id'],
  versionColumn: 'change_time',
  cursor: since('change_time'),
  storage: JSON_STORAGE,
};

export const SERVED_ENTITIES: SystemTableSpec = {
  name: 'system.serving.served_entities',
  required: false,
  columns: [
    ...cols('text', 'served_entity_id', 'account_id', 'workspace_id', 'created_by', 'endpoint_name'),
    ...cols('text', 'endpoint_id', 'served_entity_name', 'entity_type', 'entity_name', 'entity_version'),
    ...cols('integer', 'endpoint_config_version'),
    ...cols('text', 'task'),
    ...cols('json', 'external_model_config', 'foundation_model_config', 'custom_model_config'),
    ...cols('json', 'feature_spec_config'),
    ...cols('timestamp', 'change_time', 'endpoint_delete_time'),
  ],
  key: ['served_entity_id'],
  versionColumn: 'change_time',
  cursor: since('change_time'),
  storage: JSON_STORAGE,
};

export const ENDPOINT_USAGE: SystemTableSpec = {
  name: 'system.serving.endpoint_usage',
  required: false,
  columns: [
    ...cols('text', 'account_id', 'workspace_id', 'client_request_id', 'databricks_request_id'),
    ...cols('text', 'requester'),
    ...cols('integer', 'status_code'),
    ...cols('timestamp', 'request_time'),
    ...cols('bigint', 'input_token_count', 'output_token_count'),
    ...cols('bigint', 'input_character_count', 'output_character_count'),
    ...cols('json', 'usage_context'),
    ...cols('boolean', 'request_streaming'),
    ...cols('text', 'served_entity_id'),
  ],
  key: ['databricks_request_id'],
  cursor: since('request_time', DAY_MS, 30 * DAY_MS),
  storage: JSON_STORAGE,
};

export const MLFLOW_EXPERIMENTS: SystemTableSpec = {
  name: 'system.mlflow.experiments_latest',
  required: false,
  columns: [
    ...cols('text', 'account_id'),
    ...cols('timestamp', 'update_time', 'delete_time'),
    ...cols('text', 'experiment_id', 'workspace_id', 'name'),
    ...cols('timestamp', 'create_time'),
  ],
  key: ['workspace_id', 'experiment_id'],
  versionColumn: 'update_time',
  cursor: since('update_time'),
  storage: JSON_STORAGE,
};

export const MLFLOW_RUNS: SystemTableSpec = {
  name: 'system.mlflow.runs_latest',
  required: false,
  columns: [
    ...cols('text', 'account_id'),
    ...cols('timestamp', 'update_time', 'delete_time'),
    ...cols('text', 'workspace_id', 'run_id', 'experiment_id', 'created_by'),
    ...cols('timestamp', 'start_time', 'end_time'),
    ...cols('text', 'run_name', 'status'),
    ...cols('json', 'params', 'tags', 'aggregated_metrics'),
  ],
  key: ['workspace_id', 'run_id'],
  versionColumn: 'update_time',
  cursor: since('update_time'),
  storage: JSON_STORAGE,
};

export const AUDIT: SystemTableSpec = {
  name: 'system.access.audit',
  required: false,
  columns: [
    ...cols('text', 'account_id', 'workspace_id', 'version'),
    ...cols('timestamp', 'event_time'),
    ...cols('date', 'event_date'),
    ...cols('text', 'source_ip_address', 'user_agent', 'session_id'),
    ...cols('json', 'user_identity'),
    ...cols('text', 'service_name', 'action_name', 'request_id'),
    ...cols('json', 'request_params', 'response'),
    ...cols('text', 'audit_level', 'event_id'),
    ...cols('json', 'identity_metadata'),
  ],
  key: ['event_id'],
  cursor: since('event_time', DAY_MS, 30 * DAY_MS),
  storage: JSON_STORAGE,
};

export const TABLE_LINEAGE: SystemTableSpec = {
  name: 'system.access.table_lineage',
  required: false,
  columns: [
    ...cols('text', 'account_id', 'metastore_id', 'workspace_id', 'entity_type', 'entity_id'),
    ...cols('text', 'entity_run_id', 'source_table_full_name', 'source_table_catalog'),
    ...cols('text', 'source_table_schema', 'source_table_name', 'source_path', 'source_type'),
    ...cols('text', 'target_table_full_name', 'target_table_catalog', 'target_table_schema'),
    ...cols('text', 'target_table_name', 'target_path', 'target_type', 'created_by'),
    ...cols('timestamp', 'event_time'),
    ...cols('date', 'event_date'),
    ...cols('text', 'record_id', 'event_id', 'statement_id'),
    ...cols('json', 'entity_metadata'),
  ],
  key: ['record_id'],
  cursor: since('event_time', DAY_MS, 30 * DAY_MS),
  storage: JSON_STORAGE,
};

export const PREDICTIVE_OPTIMIZATION: SystemTableSpec = {
  name: 'system.storage.predictive_optimization_operations_history',
  required: false,
  columns: [
    ...cols('text', 'account_id', 'workspace_id'),
    ...cols('timestamp', 'start_time', 'end_time'),
    ...cols('text', 'metastore_name', 'metastore_id', 'catalog_name', 'schema_name', 'table_id'),
    ...cols('text', 'table_name', 'operation_type', 'operation_id', 'operation_status'),
    ...cols('json', 'operation_metrics'),
    ...cols('text', 'usage_unit'),
    decimal('usage_quantity'),
  ],
  key: ['operation_id'],
  // An operation's status and end time are filled in after it starts.
  cursor: since('start_time', 2 * DAY_MS),
  storage: JSON_STORAGE,
};

/**
 * One row per node and minute: what idle compute alerts judge utilisation by. Large, so only a
 * week is read on the first run and a few hours are re-read after that; only the columns the
 * rollup keeps are read, and the minutes are rolled up per node and hour as they are stored
 * (see node-hour-rollup.ts).
 */
export const NODE_TIMELINE: SystemTableSpec = {
  name: 'system.compute.node_timeline',
  required: false,
  columns: [
    ...cols('text', 'account_id', 'workspace_id', 'cluster_id', 'instance_id'),
    ...cols('timestamp', 'start_time', 'end_time'),
    ...cols('boolean', 'driver'),
    ...cols('numeric', 'cpu_user_percent', 'cpu_system_percent', 'mem_used_percent'),
    ...cols('text', 'node_type'),
  ],
  key: ['workspace_id', 'cluster_id', 'instance_id', 'start_time'],
  cursor: since('start_time', 3 * HOUR_MS, 7 * DAY_MS),
  storage: { kind: 'rollup', table: NODE_HOURS_TABLE, rollup: NODE_HOUR_ROLLUP },
};

export const OPTIONAL_SYSTEM_TABLES: readonly SystemTableSpec[] = [
  WAREHOUSES,
  NODE_TIMELINE,
  SERVED_ENTITIES,
  ENDPOINT_USAGE,
  MLFLOW_EXPERIMENTS,
  MLFLOW_RUNS,
  AUDIT,
  TABLE_LINEAGE,
  PREDICTIVE_OPTIMIZATION,
];
