import type { ScannedText } from '../detectors/scanned-text.js';
import type { SqlRow, WorkspaceApi } from '../ports/databricks-workspace.js';
import { inferenceTexts } from './inference-texts.js';
import { spanTexts } from './span-texts.js';
import { quoteTableName } from './trace-scope.js';

export type TraceSource = 'inference' | 'spans';

/** One trace row, read and split into texts: what the scanner works on. */
export interface TraceRecord {
  source: TraceSource;
  /** The dedupe key: `databricks_request_id`, or `trace_id/span_id`. */
  key: string;
  eventAt: Date;
  traceId: string | null;
  requestId: string | null;
  /** Who made the request: the inference table's `requester`, or the trace's user attribute. */
  requester: string | null;
  texts: ScannedText[];
}

const USER_ATTRIBUTES = ['mlflow.trace.user', 'enduser.id', 'user.id'];

/** The user named in a span's attributes (a map, or its JSON), if any. */
function spanUser(attributes: unknown): string | null {
  let map = attributes;
  if (typeof map === 'string') {
    try {
      map = JSON.parse(map) as unknown;
    } catch {
      return null;
    }
  }
  if (map instanceof Map) map = Object.fromEntries(map);
  if (typeof map !== 'object' || map === null) return null;
  for (const key of USER_ATTRIBUTES) {
    const value = (map as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') return value.replace(/^"|"$/g, '').slice(0, 200);
  }
  return null;
}

/** Timestamps arrive as Dates (Arrow) or as `2026-11-23 09:00:00[.fff]` strings in UTC. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value ?? '').trim();
  const iso = text.includes('T') ? text : text.replace(' ', 'T');
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/** A row of `<prefix>_payload` as a record. */
export function inferenceRecord(row: SqlRow): TraceRecord | undefined {
  const requestId = text(row.databricks_request_id);
  if (!requestId) return undefined;
  return {
    source: 'inference',
    key: requestId,
    eventAt: toDate(row.request_time),
    traceId: requestId,
    requestId,
    requester: text(row.requester)?.slice(0, 200) ?? null,
    texts: inferenceTexts(row.request, row.response),
  };
}

/** A row of `<prefix>_otel_spans` as a record. */
export function spanRecord(row: SqlRow): TraceRecord | undefined {
  const traceId = text(row.trace_id);
  const spanId = text(row.span_id);
  if (!traceId || !spanId) return undefined;
  return {
    source: 'spans',
    key: `${traceId}/${spanId}`,
    eventAt: new Date(Number(row.start_ms)),
    traceId,
    requestId: null,
    requester: spanUser(row.attributes),
    texts: spanTexts(String(row.name ?? ''), row.attributes),
  };
}

export interface ReadWindow {
  api: WorkspaceApi;
  warehouseId: string;
  table: string;
  since: Date;
  batchRows: number;
  onBatch(records: TraceRecord[]): Promise<void>;
}

/**
 * Streams a look-back window of an AI Gateway inference table. Rows arrive up to about an hour
 * late with their original request time, so every cycle rereads the window; the caller skips
 * keys it has already scanned.
 */
export async function readInferenceWindow(read: ReadWindow): Promise<number> {
  const statement = `SELECT databricks_request_id, request_time, request, response, requester
FROM ${quoteTableName(read.table)}
WHERE request_date >= to_date(:since_day) AND request_time >= :since
ORDER BY request_time`;
  const { rows } = await read.api.streamQuery(read.warehouseId, statement, {
    batchSize: read.batchRows,
    parameters: { since_day: read.since.toISOString().slice(0, 10), since: read.since },
    onBatch: (rows) =>
      read.onBatch(rows.map(inferenceRecord).filter((r): r is TraceRecord => r !== undefined)),
  });
  return rows;
}

/** Streams a look-back window of an MLflow `<prefix>_otel_spans` table (by span start time). */
export async function readSpansWindow(read: ReadWindow): Promise<number> {
  const statement = `SELECT trace_id, span_id, name, CAST(start_time_unix_nano / 1000000 AS BIGINT) AS start_ms, attributes
FROM ${quoteTableName(read.table)}
WHERE start_time_unix_nano >= :since_ms * 1000000
ORDER BY start_time_unix_nano`;
  const { rows } = await read.api.streamQuery(read.warehouseId, statement, {
    batchSize: read.batchRows,
    parameters: { since_ms: read.since.getTime() },
    onBatch: (rows) => read.onBatch(rows.map(spanRecord).filter((r): r is TraceRecord => r !== undefined)),
  });
  return rows;
}
