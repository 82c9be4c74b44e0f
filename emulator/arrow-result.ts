/**
 * ARROW_BASED_SET results, as a real warehouse answers driver 2.1 (which asks for Arrow with
 * native timestamps): the metadata carries the Arrow IPC schema message, each page one IPC
 * record-batch message. TIMESTAMP travels as Timestamp[µs, UTC] and DATE as Date32, so the driver
 * returns JS `Date`s for both, as in production; numbers and booleans are native; DECIMAL, STRUCT,
 * MAP and ARRAY travel as strings (the driver turns them into numbers and objects by the Thrift
 * type), so values nested in structs stay strings. Built with the driver's own `apache-arrow`.
 */
import { createRequire } from 'node:module';
import type { ResultColumn } from './result-columns.js';
import { i64, TTypeId, type I64Value } from './thrift-wire.js';

interface ArrowData {
  readonly type: unknown;
}
interface ArrowVector {
  readonly type: unknown;
}
interface ArrowTable {
  readonly schema: { fields: { type: unknown }[] };
  readonly batches: { data: ArrowData }[];
}
interface ArrowModule {
  vectorFromArray(values: unknown[], type: unknown): ArrowVector;
  Table: new (input: Record<string, ArrowVector> | unknown, batches?: unknown[]) => ArrowTable;
  Schema: new (fields: unknown[]) => unknown;
  Field: new (name: string, type: unknown, nullable: boolean) => unknown;
  RecordBatch: new (schema: unknown, data: ArrowData) => unknown;
  tableToIPC(table: ArrowTable, format: 'stream'): Uint8Array;
  Bool: new () => unknown;
  Int8: new () => unknown;
  Int16: new () => unknown;
  Int32: new () => unknown;
  Int64: new () => unknown;
  Float32: new () => unknown;
  Float64: new () => unknown;
  Utf8: new () => unknown;
  DateDay: new () => unknown;
  TimestampMicrosecond: new (timezone: string) => unknown;
}

const requireFromHere = createRequire(import.meta.url);
const arrow = createRequire(requireFromHere.resolve('@databricks/sql'))('apache-arrow') as ArrowModule;

type Convert = (text: string) => unknown;

const ARROW_TYPES: Partial<Record<number, [() => unknown, Convert]>> = {
  [TTypeId.BOOLEAN]: [() => new arrow.Bool(), (v) => v === 't' || v === 'true'],
  [TTypeId.TINYINT]: [() => new arrow.Int8(), Number],
  [TTypeId.SMALLINT]: [() => new arrow.Int16(), Number],
  [TTypeId.INT]: [() => new arrow.Int32(), Number],
  [TTypeId.BIGINT]: [() => new arrow.Int64(), (v) => BigInt(v)],
  [TTypeId.FLOAT]: [() => new arrow.Float32(), Number],
  [TTypeId.DOUBLE]: [() => new arrow.Float64(), Number],
  [TTypeId.DATE]: [() => new arrow.DateDay(), (v) => new Date(`${v}T00:00:00Z`)],
  [TTypeId.TIMESTAMP]: [() => new arrow.TimestampMicrosecond('Etc/UTC'), (v) => Date.parse(isoTimestamp(v))],
};
const AS_STRING: [() => unknown, Convert] = [() => new arrow.Utf8(), (v) => v];

/** The IPC schema message (what TGetResultSetMetadataResp.arrowSchema carries). */
export function arrowSchema(columns: readonly ResultColumn[]): Buffer {
  return splitStream(ipcStream(columns, [])).schema;
}

/** One page of Postgres text rows as an Arrow batch (TRowSet.arrowBatches entry). */
export function arrowBatch(
  columns: readonly ResultColumn[],
  rows: readonly (string | null)[][],
): { batch: Buffer; rowCount: I64Value } {
  return { batch: splitStream(ipcStream(columns, rows)).batches, rowCount: i64(rows.length) };
}

function ipcStream(columns: readonly ResultColumn[], rows: readonly (string | null)[][]): Buffer {
  const vectors: Record<string, ArrowVector> = {};
  columns.forEach((column, index) => {
    const [type, convert] = ARROW_TYPES[column.typeId] ?? AS_STRING;
    const values = rows.map((row) =>
      row[index] === null || row[index] === undefined ? null : convert(row[index] as string),
    );
    vectors[`c${index}`] = arrow.vectorFromArray(values, type());
  });
  const anonymous = new arrow.Table(vectors);
  const schema = new arrow.Schema(
    columns.map((column, index) => new arrow.Field(column.name, anonymous.schema.fields[index]?.type, true)),
  );
  const table = new arrow.Table(anonymous.batches.map((batch) => new arrow.RecordBatch(schema, batch.data)));
  return Buffer.from(arrow.tableToIPC(table, 'stream'));
}

/** An IPC stream is: schema message, record-batch messages, end-of-stream marker. */
function splitStream(stream: Buffer): { schema: Buffer; batches: Buffer } {
  const schemaLength = 8 + stream.readInt32LE(4);
  return {
    schema: stream.subarray(0, schemaLength),
    batches: stream.subarray(schemaLength, stream.length - 8),
  };
}

function isoTimestamp(text: string): string {
  const [date, time] = text.split(' ');
  return `${date}T${(time ?? '00:00:00').replace(/([+-]\d\d)$/, '$1:00')}${/[+-]\d\d(:\d\d)?$/.test(time ?? '') ? '' : 'Z'}`;
}
