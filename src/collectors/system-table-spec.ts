/**
 * How one Databricks system table is collected: the columns read (explicitly, so a new upstream
 * column never breaks a run), its natural key, how each run finds where to resume, and where
 * its rows are stored.
 */

/** The Postgres type a value is stored as (see the collected_* tables). */
export type ColumnKind =
  'text' | 'timestamp' | 'date' | 'numeric' | 'bigint' | 'integer' | 'boolean' | 'json';

export interface CollectedColumn {
  name: string;
  kind: ColumnKind;
  /**
   * The Databricks expression to read, when not the bare column: decimals are cast to STRING so
   * no quantity or price passes through a JS float (the driver turns DECIMAL into `number`).
   */
  select?: string;
}

/**
 * - `incremental`: each run reads `column >= checkpoint - overlapMs` (ordered by the column, so
 *   a checkpoint can advance with every batch) and upserts by key; the overlap re-reads late rows.
 *   The first run reads everything, or only `initialLookbackMs` back for very large tables.
 * - `full`: small tables whose rows change in place (list prices get an end time): read whole.
 */
export type CursorStrategy =
  | {
      kind: 'incremental';
      column: string;
      unit: 'date' | 'timestamp';
      overlapMs: number;
      initialLookbackMs?: number;
    }
  | { kind: 'full' };

/**
 * - `typed`: a collected_* table with the same column names, plus region_id and collected_at.
 * - `json`: collected_optional_rows, the whole row as jsonb under the table's name.
 * - `rollup`: rows are not kept but summed into coarser rows (node_timeline minutes into node
 *   hours) by the rollup's own merge, which must count a row re-read in the overlap only once.
 */
export type TableStorage =
  | { kind: 'typed'; table: string }
  | { kind: 'json' }
  | { kind: 'rollup'; table: string; rollup: RollupStatements };

/** How a rollup merges a staged batch (the table's columns) into its rows. */
export interface RollupStatements {
  /**
   * Run first in the batch's transaction with $1 the region id: serializes writers of one
   * region's rollup, so two of them can never both count the same row.
   */
  lock: string;
  /** The merge from `staging`: $1 region id, $2 collected_at; its row count is rows written. */
  merge: (staging: string) => string;
}

export interface SystemTableSpec {
  /** Three-part Databricks name, e.g. `system.billing.usage`. */
  name: string;
  /** A required table that cannot be read degrades the region; an optional one is only unavailable. */
  required: boolean;
  columns: readonly CollectedColumn[];
  /** Natural key: one stored row per key and region. */
  key: readonly string[];
  /**
   * Slowly changing tables keep the latest version per key: a row replaces the stored one only
   * when this column is not older.
   */
  versionColumn?: string;
  /**
   * A DATE column whose values are reported for every row a run inserted or changed (billing's
   * `usage_date`, so cost rollups of those days are recomputed).
   */
  touchedDateColumn?: string;
  cursor: CursorStrategy;
  storage: TableStorage;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Shorthand for column lists: `cols('text', 'a', 'b')`. */
export function cols(kind: ColumnKind, ...names: string[]): CollectedColumn[] {
  return names.map((name) => ({ name, kind }));
}

/** A DECIMAL column read as an exact string. */
export function decimal(name: string, expression = name): CollectedColumn {
  return { name, kind: 'numeric', select: `CAST(${expression} AS STRING)` };
}
