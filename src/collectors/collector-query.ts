import type { SystemTableSpec } from './system-table-spec.js';

export interface CollectorQuery {
  statement: string;
  parameters: Record<string, string>;
  /** The lower bound read (inclusive), or undefined for a whole-table read. */
  since?: Date;
}

export interface QueryWindow {
  /** The table's stored cursor, null when it was never collected. */
  checkpoint: Date | null;
  now: Date;
  /** Replaces the table's default overlap. */
  overlapMs?: number;
}

/**
 * The statement that reads one table for one run. Incremental tables read from the checkpoint
 * (never later than now) minus the overlap, ordered by the cursor column, so every batch covers a prefix of the range
 * and the checkpoint can advance with it; rows re-read in the overlap are upserted, not duplicated.
 */
export function collectorQuery(table: SystemTableSpec, window: QueryWindow): CollectorQuery {
  const select = table.columns
    .map((column) => (column.select ? `${column.select} AS ${quote(column.name)}` : quote(column.name)))
    .join(', ');
  const from = `SELECT ${select} FROM ${table.name}`;
  const { cursor } = table;
  if (cursor.kind === 'full') return { statement: from, parameters: {} };
  const since = lowerBound(window, cursor.overlapMs, cursor.initialLookbackMs);
  const column = quote(cursor.column);
  const order = ` ORDER BY ${column}`;
  if (since === undefined) return { statement: from + order, parameters: {} };
  const type = cursor.unit === 'date' ? 'DATE' : 'TIMESTAMP';
  const value = cursor.unit === 'date' ? since.toISOString().slice(0, 10) : since.toISOString();
  return {
    statement: `${from} WHERE ${column} >= CAST(:since AS ${type})${order}`,
    parameters: { since: value },
    since: cursor.unit === 'date' ? new Date(`${value}T00:00:00Z`) : since,
  };
}

function lowerBound(
  window: QueryWindow,
  defaultOverlapMs: number,
  initialLookbackMs: number | undefined,
): Date | undefined {
  if (window.checkpoint !== null) {
    // Rows stamped in the future (clock skew, odd data) must not move the read window past now.
    const from = Math.min(window.checkpoint.getTime(), window.now.getTime());
    return new Date(from - (window.overlapMs ?? defaultOverlapMs));
  }
  return initialLookbackMs === undefined ? undefined : new Date(window.now.getTime() - initialLookbackMs);
}

const quote = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``;
