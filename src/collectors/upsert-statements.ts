/**
 * The SQL that stores one batch of a table: a single multi-row INSERT … SELECT FROM
 * jsonb_to_recordset(…) (one parameter, whatever the batch size) ON CONFLICT on the natural key.
 * Conflicting rows are updated only when something changed, and for slowly changing tables
 * only by a version that is not older, so re-reading the overlap rewrites nothing.
 */
import type { ColumnKind, SystemTableSpec } from './system-table-spec.js';

const PG_TYPES: Record<ColumnKind, string> = {
  text: 'text',
  timestamp: 'timestamptz',
  date: 'date',
  numeric: 'numeric',
  bigint: 'bigint',
  integer: 'integer',
  boolean: 'boolean',
  json: 'jsonb',
};

const cache = new Map<string, string>();

/**
 * Parameters: $1 region id, $2 collected_at, $3 the rows as a jsonb array; for json storage
 * also $4 the table name, and rows are `{ row_key, version_time, row }`.
 */
export function upsertStatement(table: SystemTableSpec): string {
  let statement = cache.get(table.name);
  if (statement === undefined) {
    statement = table.storage.kind === 'typed' ? typedUpsert(table, table.storage.table) : jsonUpsert();
    cache.set(table.name, statement);
  }
  return statement;
}

function typedUpsert(table: SystemTableSpec, target: string): string {
  const names = table.columns.map((column) => q(column.name));
  const recordType = table.columns.map((column) => `${q(column.name)} ${PG_TYPES[column.kind]}`).join(', ');
  const updatable = table.columns.filter((column) => !table.key.includes(column.name)).map((c) => q(c.name));
  const changed = `(${updatable.map((c) => `t.${c}`).join(', ')}) is distinct from (${updatable
    .map((c) => `excluded.${c}`)
    .join(', ')})`;
  const newer = table.versionColumn
    ? ` and (t.${q(table.versionColumn)} is null or excluded.${q(table.versionColumn)} >= t.${q(table.versionColumn)})`
    : '';
  return [
    `insert into ${q(target)} as t (region_id, collected_at, ${names.join(', ')})`,
    `select $1::uuid, $2::timestamptz, ${names.map((n) => `r.${n}`).join(', ')}`,
    `from jsonb_to_recordset($3::jsonb) as r(${recordType})`,
    `on conflict (region_id, ${table.key.map(q).join(', ')}) do update set`,
    `${[...updatable, 'collected_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`,
    `where ${changed}${newer}`,
    ...(table.touchedDateColumn ? [`returning t.${q(table.touchedDateColumn)}::text as touched`] : []),
  ].join('\n');
}

function jsonUpsert(): string {
  return [
    'insert into collected_optional_rows as t (region_id, collected_at, source_table, row_key, version_time, row)',
    'select $1::uuid, $2::timestamptz, $4::text, r.row_key, r.version_time, r.row',
    'from jsonb_to_recordset($3::jsonb) as r(row_key text, version_time timestamptz, row jsonb)',
    'on conflict (region_id, source_table, row_key) do update set',
    'version_time = excluded.version_time, row = excluded.row, collected_at = excluded.collected_at',
    'where t.row is distinct from excluded.row',
    'and (t.version_time is null or excluded.version_time >= t.version_time)',
  ].join('\n');
}

/** Parameters: $1 region id, $2 table name, $3 cursor (or null), $4 now. Never moves back. */
export const ADVANCE_CHECKPOINT = [
  'insert into collector_checkpoints (region_id, table_name, cursor, updated_at)',
  'values ($1::uuid, $2::text, $3::timestamptz, $4::timestamptz)',
  'on conflict (region_id, table_name) do update set',
  'cursor = greatest(collector_checkpoints.cursor, excluded.cursor), updated_at = excluded.updated_at',
].join('\n');

const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
