/**
 * The system tables a connector reads. Required ones must answer a probe before a connector or
 * region is saved; optional ones turn features on when readable and are recorded as unavailable
 * (not an error) when the service principal may not read them.
 */
export const REQUIRED_SYSTEM_TABLES = [
  'system.billing.usage',
  'system.billing.list_prices',
  'system.compute.clusters',
  'system.compute.warehouse_events',
  'system.lakeflow.jobs',
  'system.lakeflow.job_run_timeline',
  'system.query.history',
  'system.access.workspaces_latest',
] as const;

export const OPTIONAL_SYSTEM_TABLES = [
  'system.compute.warehouses',
  'system.compute.node_timeline',
  'system.serving.served_entities',
  'system.serving.endpoint_usage',
  'system.mlflow.experiments_latest',
  'system.mlflow.runs_latest',
  'system.access.audit',
  'system.access.table_lineage',
  'system.storage.predictive_optimization_operations_history',
] as const;

export type SystemTable = (typeof REQUIRED_SYSTEM_TABLES)[number] | (typeof OPTIONAL_SYSTEM_TABLES)[number];

export const SYSTEM_TABLES: readonly string[] = [...REQUIRED_SYSTEM_TABLES, ...OPTIONAL_SYSTEM_TABLES];

export function isSystemTable(name: string): name is SystemTable {
  return SYSTEM_TABLES.includes(name);
}

/** The probe: one row at most, nothing but the permission and the table's existence is learned. */
export function probeStatement(table: SystemTable): string {
  return `SELECT 1 FROM ${table} LIMIT 1`;
}
