/**
 * The SQL that stores one batch of a table: the batch is COPied into a session-local staging
 * table (emptied at every commit), then merged set-wise into the collected table with one
 * INSERT … SELECT … ON CONFLICT on the natural key. Conflicting rows are updated only when
 * something changed, and for slowly changing tables only by a version that is not older, so
 * re-reading the overlap rewrites nothing. Rollups (node_timeline) bring their own merge.
 */
import type { CopyColumn } from './copy-rows.js';
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

/** What optional tables stage: the natural key as JSON text, the version, the whole row. */
const JSON_STAGING: CopyColumn[] = [
  { name: 'row_key', kind: 'text' },
  { name: 'version_time', kind: 'timestamp' },
  { name: 'row', kind: 'json' },
];

export interface StagedStatements {
  /** The session-local staging table. */
  staging: string;
  /** Its columns, in COPY order. */
  columns: readonly CopyColumn[];
  /** Creates it once per session; `on commit delete rows` empties it with every batch. */
  create: string;
  /**
   * $1 region id, $2 collected_at; for json storage also $3 the table name. For a table with a
   * touched-date column it answers `(touched, written)` per date written, else its row count.
   */
  merge: string;
  /** Run first in the transaction, $1 region id (rollups: see `RollupStatements.lock`). */
  lock?: string;
  /**
   * Typed tables only: whether any of a batch's keys is stored for the region ($1 region id,
   * then one text array per key column), and the target and columns to COPY a batch of new keys
   * straight into (region_id and collected_at leading).
   */
  direct?: { anyStored: string; target: string };
}

const cache = new Map<string, StagedStatements>();

export function stagedStatements(table: SystemTableSpec): StagedStatements {
  let statements = cache.get(table.name);
  if (statements === undefined) {
    const staging = q(`collector_staging_${table.name.replace(/[^a-z0-9]+/gi, '_')}`);
    const { storage } = table;
    const columns = storage.kind === 'json' ? JSON_STAGING : table.columns;
    statements = {
      staging,
      columns,
      create: `create temp table if not exists ${staging} (${columns
        .map((column) => `${q(column.name)} ${PG_TYPES[column.kind]}`)
        .join(', ')}) on commit delete rows`,
      merge:
        storage.kind === 'typed'
          ? typedMerge(table, storage.table, staging)
          : storage.kind === 'rollup'
            ? storage.rollup.merge(staging)
            : jsonMerge(staging),
      ...(storage.kind === 'rollup' ? { lock: storage.rollup.lock } : {}),
      ...(storage.kind === 'typed' ? { direct: directInsert(table, storage.table) } : {}),
    };
    cache.set(table.name, statements);
  }
  return statements;
}

function typedMerge(table: SystemTableSpec, target: string, staging: string): string {
  const names = table.columns.map((column) => q(column.name));
  const updatable = table.columns.filter((column) => !table.key.includes(column.name)).map((c) => q(c.name));
  const changed = `(${updatable.map((c) => `t.${c}`).join(', ')}) is distinct from (${updatable
    .map((c) => `excluded.${c}`)
    .join(', ')})`;
  const newer = table.versionColumn
    ? ` and (t.${q(table.versionColumn)} is null or excluded.${q(table.versionColumn)} >= t.${q(table.versionColumn)})`
    : '';
  const merge = [
    `insert into ${q(target)} as t (region_id, collected_at, ${names.join(', ')})`,
    `select $1::uuid, $2::timestamptz, ${names.map((n) => `s.${n}`).join(', ')}`,
    `from ${staging} s`,
    `on conflict (region_id, ${table.key.map(q).join(', ')}) do update set`,
    `${[...updatable, 'collected_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`,
    `where ${changed}${newer}`,
  ].join('\n');
  if (!table.touchedDateColumn) return merge;
  // The dates written, with how many rows each: a few rows back, not one per row.
  return [
    `with merged as (${merge}`,
    `returning t.${q(table.touchedDateColumn)} as touched)`,
    'select touched::text as touched, count(*)::int as written from merged group by 1',
  ].join('\n');
}

function directInsert(table: SystemTableSpec, target: string): StagedStatements['direct'] {
  const keys = table.key.map((name) => {
    const kind = table.columns.find((column) => column.name === name)?.kind ?? 'text';
    return { name: q(name), type: PG_TYPES[kind] };
  });
  const anyStored = [
    `select exists (select 1 from ${q(target)} t where t.region_id = $1::uuid`,
    `and (${keys.map((k) => `t.${k.name}`).join(', ')}) in (select ${keys
      .map((k, i) => `u.k${i}::${k.type}`)
      .join(', ')}`,
    `from unnest(${keys.map((_, i) => `$${i + 2}::text[]`).join(', ')}) as u(${keys
      .map((_, i) => `k${i}`)
      .join(', ')}))) as stored`,
  ].join('\n');
  return { anyStored, target: q(target) };
}

function jsonMerge(staging: string): string {
  return [
    'insert into collected_optional_rows as t (region_id, collected_at, source_table, row_key, version_time, row)',
    `select $1::uuid, $2::timestamptz, $3::text, s.row_key, s.version_time, s.row from ${staging} s`,
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
