/**
 * Rows as the driver hands them over, made JSON-safe and typed the same way whatever the wire
 * format: column-based results give TIMESTAMP and DATE as UTC strings without a zone, Arrow
 * results give `Date`s; BIGINT may be a `bigint`; structs and maps are objects, or `JsonText`
 * (the warehouse's JSON, unparsed), which a json column keeps as it is. The result is
 * what the batch writer sends to Postgres (and a remote collector sends over HTTPS), and
 * normalizing it twice changes nothing.
 */
import { JsonText } from '../ports/databricks-workspace.js';
import type { ColumnKind, SystemTableSpec } from './system-table-spec.js';

export type CollectedRow = Record<string, unknown>;

/** A value that cannot be stored as its column's type. */
export class InvalidRowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRowError';
  }
}

export function normalizeRow(table: SystemTableSpec, raw: Record<string, unknown>): CollectedRow {
  const row: CollectedRow = {};
  for (const column of table.columns) {
    const value = raw[column.name];
    try {
      row[column.name] = value === null || value === undefined ? null : normalizeValue(column.kind, value);
    } catch (error) {
      throw new InvalidRowError(
        `${table.name}.${column.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return row;
}

function normalizeValue(kind: ColumnKind, value: unknown): unknown {
  switch (kind) {
    case 'text':
      if (value instanceof JsonText) return JSON.stringify(jsonSafe(parseJson(value.text)));
      return cleanText(typeof value === 'object' ? JSON.stringify(jsonSafe(value)) : String(value));
    case 'timestamp':
      return timestamp(value);
    case 'date':
      return date(value);
    case 'numeric':
      return numeric(value);
    case 'bigint':
    case 'integer':
      return integer(value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new Error(`not a boolean: ${describe(value)}`);
    case 'json':
      if (value instanceof JsonText) return storableJsonText(value);
      return jsonSafe(typeof value === 'string' ? parseJson(value) : value);
  }
}

const NAIVE_TIMESTAMP = /^(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?))?$/;
const ZONED_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)$/;

/** An ISO-8601 UTC timestamp. Zone-less strings are UTC, as Databricks renders them. */
/**
 * ISO texts of recent instants: system-table rows share a few (hourly usage windows, dates), and
 * formatting each one anew is a large share of normalizing a row. Cleared when it grows.
 */
const isoTexts = new Map<number, string>();
const ISO_TEXTS_KEPT = 4_096;

function isoText(time: number): string {
  let text = isoTexts.get(time);
  if (text === undefined) {
    if (isoTexts.size >= ISO_TEXTS_KEPT) isoTexts.clear();
    text = new Date(time).toISOString();
    isoTexts.set(time, text);
  }
  return text;
}

function timestamp(value: unknown): string {
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) throw new Error('invalid date');
    return isoText(time);
  }
  if (typeof value === 'number') return new Date(value).toISOString();
  if (typeof value !== 'string') throw new Error(`not a timestamp: ${describe(value)}`);
  const naive = NAIVE_TIMESTAMP.exec(value);
  // Keep microseconds: Postgres stores them, a JS Date would round them off.
  if (naive) return `${naive[1]}T${naive[2] ?? '00:00:00'}Z`;
  if (ZONED_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) return value;
  throw new Error(`not a timestamp: ${describe(value)}`);
}

/** `YYYY-MM-DD` (a DATE; Arrow hands it over as a `Date` at UTC midnight). */
function date(value: unknown): string {
  const text = timestamp(value);
  return text.endsWith('Z') ? text.slice(0, 10) : new Date(text).toISOString().slice(0, 10);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function numeric(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return value.trim();
  throw new Error(`not a number: ${describe(value)}`);
}

function integer(value: unknown): number | string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return value.trim();
  throw new Error(`not a whole number: ${describe(value)}`);
}

/**
 * JSON text Postgres can take as jsonb as it is: an object or array without a `\u0000` escape
 * (jsonb refuses it). Anything else is parsed and cleaned like any other value.
 */
function storableJsonText(value: JsonText): unknown {
  const { text } = value;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  const container = (first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d);
  return container && !text.includes('\\u0000') ? value : jsonSafe(parseJson(text));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Plain JSON: bigints as strings, dates as ISO strings, Buffers as base64, no NUL characters.
 * A value that is plain JSON already (what the driver parses structs and maps into) is kept as
 * it is, without a copy.
 */
function jsonSafe(value: unknown): unknown {
  return isPlainJson(value) ? value : toJsonSafe(value);
}

function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'string') return !value.includes('\u0000');
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (key.includes('\u0000') || !isPlainJson((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function toJsonSafe(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value instanceof Map) return jsonSafe(Object.fromEntries(value));
  if (typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[cleanText(key)] = jsonSafe(item);
    return result;
  }
  return String(value);
}

/** Postgres text and jsonb refuse U+0000. */
const cleanText = (text: string) => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);

const describe = (value: unknown) => `${typeof value} ${String(value).slice(0, 40)}`;
