/**
 * The emulator's Unity Catalog: which three-part table names exist and the Databricks type of
 * each column. A Databricks table `cat.sch.tbl` lives in Postgres as `"cat__sch"."tbl"`; the
 * Databricks type is the column comment (columns without one get a type derived from Postgres,
 * so tables added later with plain DDL are queryable too). Loaded from `pg_catalog`.
 */
import type pg from 'pg';
import { parseDatabricksType, type DatabricksType } from './databricks-types.js';

export interface EmulatedTable {
  /** `catalog.schema.table`, lower case. */
  fullName: string;
  pgSchema: string;
  pgTable: string;
  oid: number;
  columns: Map<string, EmulatedColumn>;
}

export interface EmulatedColumn {
  name: string;
  attnum: number;
  type: DatabricksType;
}

export interface EmulatedCatalog {
  table(fullName: string): EmulatedTable | undefined;
  /** The column a result field came from (Postgres reports table oid and attribute number). */
  columnAt(tableOid: number, attnum: number): EmulatedColumn | undefined;
}

export function postgresLocation(fullName: string): { schema: string; table: string } {
  const [catalog, schema, table] = fullName.toLowerCase().split('.');
  if (!catalog || !schema || !table) throw new Error(`Not a three-part table name: ${fullName}`);
  return { schema: `${catalog}__${schema}`, table };
}

const CATALOG_QUERY = `
  select n.nspname as schema, c.relname as table, c.oid::int as oid, a.attnum::int as attnum,
         a.attname as column, col_description(c.oid, a.attnum) as comment,
         format_type(a.atttypid, a.atttypmod) as pg_type
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'v', 'm', 'p')
    and n.nspname like '%\\_\\_%'
  order by n.nspname, c.relname, a.attnum`;

interface CatalogRow {
  schema: string;
  table: string;
  oid: number;
  attnum: number;
  column: string;
  comment: string | null;
  pg_type: string;
}

export async function loadCatalog(queryable: pg.Pool | pg.PoolClient): Promise<EmulatedCatalog> {
  const { rows } = await queryable.query<CatalogRow>(CATALOG_QUERY);
  const byName = new Map<string, EmulatedTable>();
  const byOid = new Map<number, EmulatedTable>();
  for (const row of rows) {
    const split = row.schema.indexOf('__');
    const fullName =
      `${row.schema.slice(0, split)}.${row.schema.slice(split + 2)}.${row.table}`.toLowerCase();
    let table = byName.get(fullName);
    if (!table) {
      table = { fullName, pgSchema: row.schema, pgTable: row.table, oid: row.oid, columns: new Map() };
      byName.set(fullName, table);
      byOid.set(row.oid, table);
    }
    table.columns.set(row.column.toLowerCase(), {
      name: row.column,
      attnum: row.attnum,
      type: columnType(row.comment, row.pg_type),
    });
  }
  return {
    table: (fullName) => byName.get(fullName.toLowerCase()),
    columnAt: (oid, attnum) => {
      const table = byOid.get(oid);
      if (!table) return undefined;
      for (const column of table.columns.values()) if (column.attnum === attnum) return column;
      return undefined;
    },
  };
}

function columnType(comment: string | null, pgType: string): DatabricksType {
  if (comment) {
    try {
      return parseDatabricksType(comment);
    } catch {
      // Not a type comment: fall back to the Postgres type.
    }
  }
  return databricksTypeOfPostgres(pgType);
}

/** The Databricks type closest to a Postgres type name (as `format_type` prints it). */
export function databricksTypeOfPostgres(pgType: string): DatabricksType {
  const decimal = /^numeric\((\d+),(\d+)\)$/.exec(pgType);
  if (decimal)
    return { kind: 'primitive', name: 'decimal', precision: Number(decimal[1]), scale: Number(decimal[2]) };
  const simple: Record<string, DatabricksType> = {
    integer: { kind: 'primitive', name: 'int' },
    bigint: { kind: 'primitive', name: 'bigint' },
    smallint: { kind: 'primitive', name: 'smallint' },
    'double precision': { kind: 'primitive', name: 'double' },
    real: { kind: 'primitive', name: 'float' },
    boolean: { kind: 'primitive', name: 'boolean' },
    date: { kind: 'primitive', name: 'date' },
    'timestamp with time zone': { kind: 'primitive', name: 'timestamp' },
    'timestamp without time zone': { kind: 'primitive', name: 'timestamp' },
    numeric: { kind: 'primitive', name: 'decimal', precision: 38, scale: 18 },
    jsonb: { kind: 'struct', fields: [] },
    json: { kind: 'struct', fields: [] },
    bytea: { kind: 'primitive', name: 'binary' },
  };
  return simple[pgType] ?? { kind: 'primitive', name: 'string' };
}
