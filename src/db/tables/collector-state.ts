import type { ColumnType, Selectable } from 'kysely';

/** Where one system table resumes in one region. */
export interface CollectorCheckpointsTable {
  region_id: string;
  /** Three-part Databricks name, e.g. `system.billing.usage`. */
  table_name: string;
  /** Highest cursor value (ingestion date, change time, …) among rows already stored; null for full re-reads. */
  cursor: Date | null;
  /** When a run last finished this table without error. */
  last_collected_at: Date | null;
  updated_at: Date;
}

export type CollectorRunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'aborted' | 'abandoned';
export type CollectorRunTrigger = 'schedule' | 'manual' | 'remote';
/** Why a whole run failed: the credentials, or the SQL warehouse. */
export type CollectorRunFailure = 'auth' | 'warehouse';

/** Rows read from Databricks and rows that changed in Postgres, per table. */
export type TableRowCounts = Record<string, { read: number; written: number }>;

export interface CollectorRunsTable {
  id: string;
  region_id: string;
  trigger: CollectorRunTrigger;
  started_at: Date;
  finished_at: Date | null;
  status: CollectorRunStatus;
  failure: CollectorRunFailure | null;
  rows: ColumnType<TableRowCounts, string | undefined, string>;
  /** Error message per failing table (`*` for the run as a whole). */
  errors: ColumnType<Record<string, string>, string | undefined, string>;
  /** Optional tables the principal may not read. */
  unavailable: ColumnType<string[], string | undefined, string>;
}

export type CollectorCheckpointRow = Selectable<CollectorCheckpointsTable>;
export type CollectorRunRow = Selectable<CollectorRunsTable>;
