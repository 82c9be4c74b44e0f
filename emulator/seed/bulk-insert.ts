/**
 * Fast inserts into the emulator's system tables: rows go to Postgres as one JSON array per
 * chunk and are expanded with `jsonb_populate_recordset`, so jsonb, numeric and timestamptz
 * columns take JSON objects, decimal strings and ISO timestamps as they are.
 */
import type pg from 'pg';
import { quoteIdentifier } from '../../src/db/ensure-database.js';
import { postgresLocation } from '../emulator-catalog.js';

export type SystemTableRow = Record<string, unknown>;

const CHUNK = 5_000;

export async function insertRows(
  pool: pg.Pool | pg.PoolClient,
  table: string,
  rows: readonly SystemTableRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const { schema, table: name } = postgresLocation(table);
  const qualified = `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
  const columns = Object.keys(rows[0] as SystemTableRow)
    .map(quoteIdentifier)
    .join(', ');
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await pool.query(
      `insert into ${qualified} (${columns}) select ${columns} from jsonb_populate_recordset(null::${qualified}, $1::jsonb)`,
      [JSON.stringify(chunk)],
    );
  }
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * 3_600_000);
}
