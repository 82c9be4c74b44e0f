import type pg from 'pg';
import { poolOf, type Db } from '../db/database.js';
import type { CollectedRow } from './collected-row.js';
import { copyRows, copyValue } from './copy-rows.js';
import { mayGoStraightIn, type BatchKeys, type BatchTurn } from './batch-turn.js';
import type { SystemTableSpec } from './system-table-spec.js';
import { ADVANCE_CHECKPOINT, stagedStatements } from './upsert-statements.js';

export interface Batch {
  regionId: string;
  table: SystemTableSpec;
  /** Normalized rows (see collected-row.ts). */
  rows: readonly CollectedRow[];
  /** The cursor these rows take the table to; null leaves the checkpoint where it is. */
  checkpoint: Date | null;
  at: Date;
}

export interface BatchResult {
  /** Rows inserted or changed. */
  written: number;
  /** Rows without a complete natural key, which cannot be stored. */
  skipped: number;
  /** Distinct `touchedDateColumn` values (YYYY-MM-DD) of the rows written. */
  touchedDates: string[];
}

/**
 * Stores one batch and advances the table's checkpoint in the same transaction, so a run that
 * dies between batches resumes exactly after the last stored batch: no gap, and no duplicate
 * (rows re-read in the overlap are merged by key, or counted once by a rollup). The rows go in
 * with COPY into a staging table and are merged set-wise (see upsert-statements.ts).
 *
 * With a `turn`, the rows are prepared at once but merged and committed only once `turn.ready`
 * resolves (the previous batch committed); if it rejects, nothing of this batch is stored and its
 * error is this one's. So the next batch's COPY can run while the previous one merges, and
 * batches still commit one after the other, in order. Preparing takes no lock the batch before
 * may still wait for: rollup locks are taken after `ready`, and rows go straight into the table
 * before it only when the batch before cannot run into them (see `mayGoStraightIn`).
 */
export async function writeBatch(db: Db, batch: Batch, turn?: BatchTurn): Promise<BatchResult> {
  const { table } = batch;
  const { rows, keys, skipped } = latestPerKey(table, batch.rows);
  turn?.progress.tellKeys(keys);
  const statements = stagedStatements(table);
  const client = await poolOf(db).connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    let written = 0;
    const touched = new Set<string>();
    // A batch whose keys look new (a first run, a backfill: none of a sample of them is stored)
    // goes straight into the table with one COPY, at COPY's speed, before `ready` like staging
    // would. The table's key keeps that exact: a key stored after all (or being stored by the
    // batch before, whose commit this waits for) fails the COPY, which is undone to its
    // savepoint, and the batch is staged and merged instead. Otherwise it is staged now and
    // merged once `ready`.
    let direct =
      rows.length > 0 &&
      directInsertable(table) &&
      !(await sampleStored(client, batch, rows)) &&
      (await mayGoStraightIn(turn, keys));
    if (direct) direct = await copyStraightIn(client, batch, rows);
    if (rows.length > 0 && !direct) await stage(client, batch, rows);
    turn?.progress.tellPlaced(direct ? 'in-table' : 'staged');
    await turn?.ready;
    if (!direct && rows.length > 0 && statements.lock !== undefined)
      await client.query(statements.lock, [batch.regionId]);
    if (direct) {
      written = rows.length;
      for (const date of touchedDates(table, rows)) touched.add(date);
    } else if (rows.length > 0) {
      const parameters: unknown[] = [batch.regionId, batch.at];
      if (table.storage.kind === 'json') parameters.push(table.name);
      const result = await client.query<{ touched: string | null; written: number }>(
        statements.merge,
        parameters,
      );
      if (table.touchedDateColumn) {
        for (const row of result.rows) {
          written += row.written;
          if (row.touched) touched.add(row.touched);
        }
      } else written = result.rowCount ?? 0;
    }
    await client.query(ADVANCE_CHECKPOINT, [batch.regionId, table.name, batch.checkpoint, batch.at]);
    await client.query('commit');
    if (rows.length > 0 && !direct) markStaging(client, statements.staging);
    return { written, skipped, touchedDates: [...touched] };
  } catch (error) {
    await client.query('rollback').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    turn?.progress.tellDone();
    // A connection that could not even roll back is closed, not reused.
    client.release(broken);
  }
}

/** COPYs the batch into the session's staging table (created the first time). */
async function stage(client: pg.PoolClient, batch: Batch, rows: readonly CollectedRow[]): Promise<void> {
  const { table } = batch;
  const statements = stagedStatements(table);
  if (!hasStaging(client, statements.staging)) await client.query(statements.create);
  await copyRows(
    client,
    statements.staging,
    statements.columns,
    table.storage.kind === 'json' ? rows.map((row) => jsonRow(table, row)) : rows,
  );
}

/** Typed tables whose touched dates (if any) are DATE values, which the rows carry as written. */
function directInsertable(table: SystemTableSpec): boolean {
  if (table.storage.kind !== 'typed') return false;
  const touched = table.touchedDateColumn;
  return !touched || table.columns.some((column) => column.name === touched && column.kind === 'date');
}

/** Keys looked up to guess whether a batch is new; a wrong guess costs time, never exactness. */
const SAMPLE_KEYS = 64;

async function sampleStored(
  client: pg.PoolClient,
  batch: Batch,
  rows: readonly CollectedRow[],
): Promise<boolean> {
  const { table } = batch;
  const step = Math.max(1, Math.floor(rows.length / SAMPLE_KEYS));
  const sample = rows.filter((_, i) => i % step === 0 || i === rows.length - 1);
  const keys = table.key.map((name) => sample.map((row) => String(row[name])));
  const result = await client.query<{ stored: boolean }>(stagedStatements(table).direct!.anyStored, [
    batch.regionId,
    ...keys,
  ]);
  return result.rows[0]?.stored ?? true;
}

const UNIQUE_VIOLATION = '23505';

/** COPYs the batch into the table itself; false (and nothing of it left) when a key is taken. */
async function copyStraightIn(
  client: pg.PoolClient,
  batch: Batch,
  rows: readonly CollectedRow[],
): Promise<boolean> {
  await client.query('savepoint collector_direct');
  try {
    await copyRows(client, stagedStatements(batch.table).direct!.target, batch.table.columns, rows, {
      columns: ['region_id', 'collected_at'],
      text: `${copyValue('text', batch.regionId)}\t${copyValue('timestamp', batch.at.toISOString())}`,
    });
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await client.query('rollback to savepoint collector_direct');
    return false;
  }
  await client.query('release savepoint collector_direct');
  return true;
}

/** The distinct touched dates of rows that are all new (what the merge would report). */
function touchedDates(table: SystemTableSpec, rows: readonly CollectedRow[]): Set<string> {
  const dates = new Set<string>();
  const column = table.touchedDateColumn;
  if (!column) return dates;
  for (const row of rows) {
    const value = row[column];
    if (typeof value === 'string') dates.add(value);
  }
  return dates;
}

/** The staging tables each pooled connection has (temporary tables live as long as it). */
const stagingOf = new WeakMap<object, Set<string>>();

function hasStaging(client: object, staging: string): boolean {
  return stagingOf.get(client)?.has(staging) ?? false;
}

function markStaging(client: object, staging: string): void {
  const tables = stagingOf.get(client) ?? new Set<string>();
  tables.add(staging);
  stagingOf.set(client, tables);
}

/** The highest cursor value among `rows` (null for whole-table reads or an empty batch). */
export function batchCursor(table: SystemTableSpec, rows: readonly CollectedRow[]): Date | null {
  if (table.cursor.kind !== 'incremental') return null;
  let highest = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const value = row[table.cursor.column];
    const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (time > highest) highest = time;
  }
  return Number.isFinite(highest) ? new Date(highest) : null;
}

/**
 * One row per key (an ON CONFLICT statement may not touch a row twice): the newest version for
 * slowly changing tables, otherwise the last one read.
 */
function latestPerKey(
  table: SystemTableSpec,
  rows: readonly CollectedRow[],
): { rows: CollectedRow[]; keys: BatchKeys; skipped: number } {
  const byKey = new Map<string, CollectedRow>();
  let skipped = 0;
  for (const row of rows) {
    const key = keyOf(table, row);
    if (key === undefined) {
      skipped++;
      continue;
    }
    const previous = byKey.get(key);
    if (previous === undefined || !olderThan(table, row, previous)) byKey.set(key, row);
  }
  return { rows: [...byKey.values()], keys: byKey, skipped };
}

function keyOf(table: SystemTableSpec, row: CollectedRow): string | undefined {
  if (table.key.length === 1) {
    const value = row[table.key[0]!];
    return value === null || value === undefined ? undefined : JSON.stringify([value]);
  }
  const values = table.key.map((column) => row[column] ?? null);
  return values.includes(null) ? undefined : JSON.stringify(values);
}

function olderThan(table: SystemTableSpec, row: CollectedRow, other: CollectedRow): boolean {
  if (!table.versionColumn) return false;
  const time = (r: CollectedRow) => Date.parse(String(r[table.versionColumn!] ?? ''));
  return time(row) < time(other);
}

function jsonRow(table: SystemTableSpec, row: CollectedRow) {
  return {
    row_key: keyOf(table, row),
    version_time: table.versionColumn ? (row[table.versionColumn] ?? null) : null,
    row,
  };
}
