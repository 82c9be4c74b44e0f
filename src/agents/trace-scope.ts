/**
 * Where agent traces are looked for: DATABRICKS_CATALOG / DATABRICKS_SCHEMA (MLflow trace tables)
 * and DATABRICKS_PREFIX (only agents and tables whose name starts with it). Also the quoting of
 * three-part table names that come from Databricks, so a strange name can never become SQL.
 */
export interface TraceScope {
  catalog: string;
  schema: string;
  /** Empty: every agent and table. */
  prefix: string;
}

const IDENTIFIER = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,254}$/;

export function isSafeIdentifier(part: string): boolean {
  return IDENTIFIER.test(part);
}

/** `catalog.schema.table` with each part backtick-quoted; throws for a name that is not plain. */
export function quoteTableName(fullName: string): string {
  const parts = fullName.split('.');
  if (parts.length !== 3 || !parts.every(isSafeIdentifier)) {
    throw new Error(`not a plain three-part table name: ${JSON.stringify(fullName).slice(0, 200)}`);
  }
  return parts.map((part) => `\`${part}\``).join('.');
}

/** `<catalog>.<schema>.<prefix>_payload`, the AI Gateway inference table. */
export function inferenceTableName(table: { catalog: string; schema: string; prefix: string }): string {
  return `${table.catalog}.${table.schema}.${table.prefix}_payload`;
}

/** Whether a name is in scope of DATABRICKS_PREFIX (case-insensitive). */
export function inScope(scope: TraceScope, name: string): boolean {
  return scope.prefix === '' || name.toLowerCase().startsWith(scope.prefix.toLowerCase());
}

/** Lower case, every run of non-alphanumerics as `_`: how endpoint names and table prefixes are compared. */
export function canonicalName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
