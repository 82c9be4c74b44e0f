/**
 * The Postgres database behind the emulator: creates it (or a throwaway one), lays out the system
 * tables (`system.billing.usage` → `"system__billing"."usage"`, Databricks types as column
 * comments) and drops it again. Safe to run against a database that already has the tables.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ensureDatabase, quoteIdentifier } from '../src/db/ensure-database.js';
import { parseDatabricksType, postgresStorageType } from './databricks-types.js';
import { postgresLocation } from './emulator-catalog.js';
import { SYSTEM_TABLES, type SystemTableDefinition } from './system-tables.js';

export const DEFAULT_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A pool whose sessions run in UTC, as Databricks SQL warehouses do by default. */
export function createEmulatorPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    connectionTimeoutMillis: 5_000,
    options: '-c TimeZone=UTC -c DateStyle=ISO',
  });
  // When the emulator closes, its database is dropped with (force), which ends any session still
  // streaming a result. A query in flight gets that error; the connection itself must not crash
  // the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** A new, empty database for one emulator (e.g. one test file); pass its url to the emulator. */
export async function createEmulatorDatabaseUrl(
  label = 'emulator',
  adminUrl = DEFAULT_ADMIN_URL,
): Promise<string> {
  const name = `dbchatops_dbx_${label.replace(/\W/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  return url.toString();
}

export async function dropEmulatorDatabase(databaseUrl: string, adminUrl = DEFAULT_ADMIN_URL): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = new URL(adminUrl).pathname;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}

/** Creates every system table that is missing (and its schema). Existing tables are left alone. */
export async function createSystemTables(
  pool: pg.Pool,
  tables: readonly SystemTableDefinition[] = SYSTEM_TABLES,
): Promise<void> {
  const statements = tables.flatMap((table) => tableDdl(table));
  await pool.query(statements.join(';\n'));
}

export function tableDdl(table: SystemTableDefinition): string[] {
  const { schema, table: name } = postgresLocation(table.name);
  const qualified = `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
  const columns = table.columns.map(
    ([column, type]) => `${quoteIdentifier(column)} ${postgresStorageType(parseDatabricksType(type))}`,
  );
  return [
    `create schema if not exists ${quoteIdentifier(schema)}`,
    `create table if not exists ${qualified} (${columns.join(', ')})`,
    `comment on table ${qualified} is ${literal(table.name)}`,
    ...table.columns.map(
      ([column, type]) => `comment on column ${qualified}.${quoteIdentifier(column)} is ${literal(type)}`,
    ),
  ];
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
