import type { CollectorRunFailure } from '../db/tables/collector-state.js';
import { DatabricksApiError } from '../ports/databricks-account.js';
import { DatabricksSqlError } from '../ports/databricks-workspace.js';

export type TableStatus = 'collected' | 'failed' | 'unavailable';

export interface TableOutcome {
  table: string;
  required: boolean;
  status: TableStatus;
  read: number;
  written: number;
  skipped: number;
  error?: string;
}

/** What one pass over a region's tables came to. */
export interface CollectionOutcome {
  /** The run could not start: credentials refused, or the workspace/warehouse not answering. */
  failure?: CollectorRunFailure;
  error?: string;
  /** Stopped on request (shutdown, Ctrl-C) before every table was read. */
  aborted: boolean;
  tables: TableOutcome[];
  /** Usage dates of billing rows this run inserted or changed. */
  touchedUsageDates: string[];
}

const MISSING_TABLE = /TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND/;

/**
 * An optional table the principal may not read, or whose system schema is not enabled: the
 * feature is unavailable, nothing is broken.
 */
export function isUnavailable(error: unknown): boolean {
  return (
    error instanceof DatabricksSqlError &&
    (error.permissionDenied || MISSING_TABLE.test(error.errorClass ?? error.message))
  );
}

/** Why the token request failed: refused credentials are `auth`, anything else `warehouse`. */
export function tokenFailure(error: unknown): CollectorRunFailure {
  return error instanceof DatabricksApiError && [400, 401, 403].includes(error.status ?? 0)
    ? 'auth'
    : 'warehouse';
}

export function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
