/**
 * ARROW_BASED_SET results, as a real warehouse answers driver 2.1 (which asks for Arrow with
 * native timestamps): the metadata carries the Arrow IPC schema message, each page one IPC
 * record-batch message. TIMESTAMP travels as Timestamp[µs, UTC] and DATE as Date32, so the driver
 * returns JS `Date`s for both, as in production; numbers and booleans are native; DECIMAL, STRUCT,
 * MAP and ARRAY travel as strings (the driver turns them into numbers and objects by the Thrift
 * type), so values nested in structs stay strings. Serialized with the driver's own `apache-arrow`.
 *
 * The column buffers are filled here directly (validity bitmap, offsets, values) rather than by
 * Arrow's generic builders: a page is thousands of rows of ~2 kB and this is the emulator's
 * hottest loop, competing for the same CPUs as the client it serves.
 */
import { createRequire } from 'node:module';
import type { ResultColumn } from './result-columns.js';
import { i64, TTypeId, type I64Value } from './thrift-wire.js';

interface ArrowData {
  readonly type: unknown;
}
interface ArrowField {
  readonly type: unknown;
}
interface ArrowTable {
  readonly schema: { fields: ArrowField[] };
}
interface DataProps {
  type: unknown;
  length: number;
  nullCount: number;
  nullBitmap: Uint8Array;
  data?: ArrayBufferView;
  valueOffsets?: Int32Array;
  children?: ArrowData[];
}
interface ArrowModule {
  makeData(props: DataProps): ArrowData;
  Table: new (batches: unknown[]) => ArrowTable;
  Schema: new (fields: unknown[]) => { fields: ArrowField[] };
  Field: new (name: string, type: unknown, nullable: boolean) => ArrowField;
  Struct: new (children: unknown[]) => unknown;
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

/** Fills a column's value buffer from Postgres text values (nulls already marked in the bitmap). */
type ColumnEncoder = (values: readonly (string | null)[]) => Pick<DataProps, 'data' | 'valueOffsets'>;

interface ArrowColumnType {
  type: () => unknown;
  encode: ColumnEncoder;
}

const fixedWidth =
  <T extends ArrayBufferView & { [index: number]: number }>(
    make: (length: number) => T,
    convert: (text: string) => number,
  ): ColumnEncoder =>
  (values) => {
    const data = make(values.length);
    for (let i = 0; i < values.length; i++) {
      const text = values[i];
      if (text !== null && text !== undefined) data[i] = convert(text);
    }
    return { data };
  };

/** 64-bit values as little-endian pairs of 32-bit words (exact for integers up to 2^53). */
const longs =
  (convert: (text: string) => number): ColumnEncoder =>
  (values) => {
    const data = new Int32Array(values.length * 2);
    for (let i = 0; i < values.length; i++) {
      const text = values[i];
      if (text === null || text === undefined) continue;
      const value = convert(text);
      const high = Math.floor(value / 4_294_967_296);
      data[2 * i] = value - high * 4_294_967_296;
      data[2 * i + 1] = high;
    }
    return { data };
  };

const bigints: ColumnEncoder = (values) => {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const text = values[i];
    if (text !== null && text !== undefined) data[i] = BigInt(text);
  }
  return { data };
};

const booleans: ColumnEncoder = (values) => {
  const data = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) {
    const text = values[i];
    if (text === 't' || text === 'true') data[i >> 3]! |= 1 << (i & 7);
  }
  return { data };
};

/**
 * UTF-8 bytes of every value, back to back, with their offsets: the column's values joined into
 * one string and encoded at once (nulls join as nothing). For an ASCII column, which is most of
 * them, the offsets are the string lengths; otherwise each value's byte length is measured.
 */
function strings(values: readonly (string | null)[]): Pick<DataProps, 'data' | 'valueOffsets'> {
  const joined = values.join('');
  const data = Buffer.from(joined, 'utf8');
  const ascii = data.length === joined.length;
  const valueOffsets = new Int32Array(values.length + 1);
  let bytes = 0;
  for (let i = 0; i < values.length; i++) {
    const text = values[i];
    if (text !== null && text !== undefined) bytes += ascii ? text.length : Buffer.byteLength(text, 'utf8');
    valueOffsets[i + 1] = bytes;
  }
  return { data, valueOffsets };
}

const ARROW_TYPES: Partial<Record<number, ArrowColumnType>> = {
  [TTypeId.BOOLEAN]: { type: () => new arrow.Bool(), encode: booleans },
  [TTypeId.TINYINT]: { type: () => new arrow.Int8(), encode: fixedWidth((n) => new Int8Array(n), Number) },
  [TTypeId.SMALLINT]: { type: () => new arrow.Int16(), encode: fixedWidth((n) => new Int16Array(n), Number) },
  [TTypeId.INT]: { type: () => new arrow.Int32(), encode: fixedWidth((n) => new Int32Array(n), Number) },
  [TTypeId.BIGINT]: { type: () => new arrow.Int64(), encode: bigints },
  [TTypeId.FLOAT]: {
    type: () => new arrow.Float32(),
    encode: fixedWidth((n) => new Float32Array(n), Number),
  },
  [TTypeId.DOUBLE]: {
    type: () => new arrow.Float64(),
    encode: fixedWidth((n) => new Float64Array(n), Number),
  },
  [TTypeId.DATE]: {
    type: () => new arrow.DateDay(),
    encode: fixedWidth(
      (n) => new Int32Array(n),
      (text) => Math.trunc(epochMs(text) / 86_400_000),
    ),
  },
  [TTypeId.TIMESTAMP]: {
    type: () => new arrow.TimestampMicrosecond('Etc/UTC'),
    encode: longs((text) => epochMs(text) * 1000),
  },
};
const AS_STRING: ArrowColumnType = { type: () => new arrow.Utf8(), encode: strings };

const arrowType = (column: ResultColumn) => ARROW_TYPES[column.typeId] ?? AS_STRING;

/** The IPC schema message (what TGetResultSetMetadataResp.arrowSchema carries). */
export function arrowSchema(columns: readonly ResultColumn[]): Buffer {
  return splitStream(ipcStream(columns, [])).schema;
}

/** A TRowSet.arrowBatches entry. */
export interface ArrowBatch {
  batch: Buffer;
  rowCount: I64Value;
}

/** One page of Postgres text rows as an Arrow batch. */
export function arrowBatch(columns: readonly ResultColumn[], rows: readonly (string | null)[][]): ArrowBatch {
  return { batch: splitStream(ipcStream(columns, rows)).batches, rowCount: i64(rows.length) };
}

function ipcStream(columns: readonly ResultColumn[], rows: readonly (string | null)[][]): Buffer {
  const types = columns.map((column) => arrowType(column).type());
  const schema = new arrow.Schema(
    columns.map((column, index) => new arrow.Field(column.name, types[index], true)),
  );
  const children = columns.map((column, index) => {
    const values = rows.map((row) => row[index] ?? null);
    const nullBitmap = new Uint8Array((values.length + 7) >> 3);
    let nullCount = 0;
    for (let i = 0; i < values.length; i++) {
      if (values[i] === null) nullCount++;
      else nullBitmap[i >> 3]! |= 1 << (i & 7);
    }
    return arrow.makeData({
      type: types[index],
      length: values.length,
      nullCount,
      nullBitmap,
      ...arrowType(column).encode(values),
    });
  });
  const batch = new arrow.RecordBatch(
    schema,
    arrow.makeData({
      type: new arrow.Struct(schema.fields),
      length: rows.length,
      nullCount: 0,
      nullBitmap: new Uint8Array(0),
      children,
    }),
  );
  const ipc = arrow.tableToIPC(new arrow.Table([batch]), 'stream');
  return Buffer.from(ipc.buffer, ipc.byteOffset, ipc.byteLength);
}

/** An IPC stream is: schema message, record-batch messages, end-of-stream marker. */
function splitStream(stream: Buffer): { schema: Buffer; batches: Buffer } {
  const schemaLength = 8 + stream.readInt32LE(4);
  return {
    schema: stream.subarray(0, schemaLength),
    batches: stream.subarray(schemaLength, stream.length - 8),
  };
}

/**
 * Milliseconds since the epoch of a Postgres DATE or TIMESTAMP text (the emulator's sessions run
 * in UTC with DateStyle ISO: `2026-11-10`, `2026-11-10 12:00:00.5+00`). The common shape is read
 * by position; anything else (other offsets, BC, infinity) goes through Date.parse.
 */
export function epochMs(text: string): number {
  const length = text.length;
  if (length >= 10 && text[4] === '-' && text[7] === '-') {
    const year = digitsOf(text, 0, 4);
    const date = Date.UTC(year, digitsOf(text, 5, 7) - 1, digitsOf(text, 8, 10));
    if (length === 10 && year >= 100) return date;
    if (length >= 19 && text[10] === ' ' && text[13] === ':' && text[16] === ':' && year >= 100) {
      const end = text.endsWith('+00') ? length - 3 : length;
      let ms = 0;
      if (end > 19) {
        if (text[19] !== '.' || end - 20 > 6) return Date.parse(isoTimestamp(text));
        ms = Math.trunc(digitsOf(text, 20, end) / 10 ** (end - 23));
      }
      const time =
        digitsOf(text, 11, 13) * 3_600_000 +
        digitsOf(text, 14, 16) * 60_000 +
        digitsOf(text, 17, 19) * 1000 +
        ms;
      if (!Number.isNaN(time) && !Number.isNaN(date)) return date + time;
    }
  }
  return Date.parse(isoTimestamp(text));
}

/** The decimal number written in text[from, to), NaN if any of it is not a digit. */
function digitsOf(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

function isoTimestamp(text: string): string {
  const [date, time] = text.split(' ');
  return `${date}T${(time ?? '00:00:00').replace(/([+-]\d\d)$/, '$1:00')}${/[+-]\d\d(:\d\d)?$/.test(time ?? '') ? '' : 'Z'}`;
}
