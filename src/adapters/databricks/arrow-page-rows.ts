/**
 * Arrow result pages turned into rows column by column, in place of the driver's row-by-row
 * conversion. Driver 2.1 materializes every Arrow row as a proxy object, copies it with
 * `toJSON()` (one visitor dispatch per value) and then walks each value through two generic
 * converters; reading a large system table, that is most of the collector's CPU time. Here each
 * column's buffers are read directly, with the same result as the driver's: TIMESTAMP and DATE
 * as `Date`, BIGINT as `number`, DECIMAL (sent as text) as `number`, STRUCT/MAP/ARRAY (sent as
 * JSON text) parsed (`{}`/`[]` when unparsable), strings and other numbers as they are, keys in
 * the result schema's order. Asked to, it leaves STRUCT/MAP/ARRAY values as `JsonText`.
 *
 * Relies on driver 2.x internals (the operation's result handler: a ResultSlicer over an
 * ArrowResultConverter over an ArrowResultHandler). It takes over only when it finds exactly
 * that and every column is of a kind handled here; otherwise the driver converts as usual.
 * Verified against the driver's own conversion by arrow-page-rows.test.ts.
 */
import { createRequire } from 'node:module';
import { JsonText } from '../../ports/databricks-workspace.js';

const requireFromHere = createRequire(import.meta.url);
const requireFromDriver = createRequire(requireFromHere.resolve('@databricks/sql'));
const arrow = requireFromDriver('apache-arrow') as {
  RecordBatchReader: { from(buffers: Buffer[]): Iterable<ArrowRecordBatch> };
  Type: Record<string, number>;
  Precision: Record<string, number>;
  TimeUnit: Record<string, number>;
  DateUnit: Record<string, number>;
};
const { TTypeId } = requireFromDriver('@databricks/sql/thrift/TCLIService_types.js') as {
  TTypeId: Record<string, number>;
};

interface ArrowType {
  typeId: number;
  unit?: number;
}
interface ArrowData {
  type: ArrowType;
  length: number;
  offset: number;
  nullCount: number;
  nullBitmap: Uint8Array | undefined;
  values: ArrayLike<number | bigint> & { buffer: ArrayBuffer; byteOffset: number; byteLength: number };
  valueOffsets: Int32Array;
}
interface ArrowRecordBatch {
  numRows: number;
  schema: { fields: { name: string; type: ArrowType }[] };
  data: { children: ArrowData[] };
}
interface ThriftColumn {
  columnName: string;
  typeDesc: { types: { primitiveEntry?: { type: number } }[] };
}
/** The parts of the driver's ArrowResultConverter used here. */
interface DriverArrowConverter {
  schema: ThriftColumn[];
  source: {
    arrowSchema?: Buffer;
    fetchNext(options: unknown): Promise<{ batches: Buffer[]; rowCount: number }>;
    hasMore(): Promise<boolean>;
  };
  prefetchedRecordBatch?: unknown;
  fetchNext(options: unknown): Promise<object[]>;
  hasMore(): Promise<boolean>;
}
interface DriverOperation {
  getResultHandler?: () => Promise<unknown>;
}

/** One column of one record batch; `bytes` views a string column's UTF-8 data. */
interface ColumnData {
  data: ArrowData;
  bytes: Buffer | undefined;
}

/** Reads row `index` of a column (nulls are handled by the caller). Offsets as in Arrow's own getters. */
type ReadValue = (column: ColumnData, index: number) => unknown;

/**
 * Makes `operation` (a driver operation) hand out its Arrow pages converted column by column.
 * Answers whether it did; call it before the first fetch.
 */
export async function readArrowPagesByColumn(
  operation: object,
  options: { complexTypesAsJsonText?: boolean } = {},
): Promise<boolean> {
  const getResultHandler = (operation as DriverOperation).getResultHandler;
  if (typeof getResultHandler !== 'function') return false;
  const slicer = (await getResultHandler.call(operation)) as { source?: unknown } | undefined;
  const converter = slicer?.source as DriverArrowConverter | undefined;
  if (
    !converter ||
    converter.constructor.name !== 'ArrowResultConverter' ||
    (converter.source as object).constructor.name !== 'ArrowResultHandler' ||
    !Buffer.isBuffer(converter.source.arrowSchema) ||
    !Array.isArray(converter.schema) ||
    converter.schema.length === 0
  ) {
    return false;
  }
  const columns = columnReaders(
    converter.schema,
    converter.source.arrowSchema,
    options.complexTypesAsJsonText ?? false,
  );
  if (!columns) return false;
  const source = converter.source;
  converter.hasMore = () => source.hasMore();
  converter.fetchNext = async (options) => {
    const page = await source.fetchNext(options);
    if (page.batches.length === 0 || page.rowCount === 0) return [];
    const rows: object[] = [];
    for (const batch of arrow.RecordBatchReader.from(page.batches)) {
      const wanted = Math.min(batch.numRows, page.rowCount - rows.length);
      if (wanted > 0) rows.push(...batchRows(columns, batch, wanted));
    }
    return rows;
  };
  return true;
}

interface ColumnReader {
  name: string;
  arrowTypeId: number;
  read: ReadValue;
}

/** One reader per column, or undefined when some column is of a kind not handled here. */
function columnReaders(
  schema: readonly ThriftColumn[],
  arrowSchema: Buffer,
  jsonText: boolean,
): ColumnReader[] | undefined {
  const reader = arrow.RecordBatchReader.from([arrowSchema]) as unknown as {
    open(): { schema: { fields: { name: string; type: ArrowType }[] } };
  };
  const fields = reader.open().schema.fields;
  const ordered = [...schema].sort(
    (a, b) => (a as { position?: number }).position! - (b as { position?: number }).position!,
  );
  if (fields.length !== ordered.length) return undefined;
  if (new Set(ordered.map((column) => column.columnName)).size !== ordered.length) return undefined;
  const readers: ColumnReader[] = [];
  for (let c = 0; c < ordered.length; c++) {
    const column = ordered[c]!;
    const field = fields[c]!;
    if (field.name !== column.columnName) return undefined;
    const read = valueReader(field.type, column.typeDesc.types[0]?.primitiveEntry?.type, jsonText);
    if (!read) return undefined;
    readers.push({ name: column.columnName, arrowTypeId: field.type.typeId, read });
  }
  return readers;
}

function valueReader(
  type: ArrowType & { precision?: number },
  thriftType: number | undefined,
  jsonText: boolean,
): ReadValue | undefined {
  const { Type } = arrow;
  switch (type.typeId) {
    case Type.Utf8: {
      switch (thriftType) {
        case TTypeId.DECIMAL_TYPE:
          return (column, i) => Number(text(column, i));
        case TTypeId.STRUCT_TYPE:
        case TTypeId.MAP_TYPE:
          return jsonText
            ? (column, i) => new JsonText(text(column, i))
            : (column, i) => parsedJson(text(column, i), {});
        case TTypeId.ARRAY_TYPE:
          return jsonText
            ? (column, i) => new JsonText(text(column, i))
            : (column, i) => parsedJson(text(column, i), []);
        case TTypeId.UNION_TYPE:
        case TTypeId.USER_DEFINED_TYPE:
        default:
          return text;
      }
    }
    case Type.Int:
      // 64-bit values come as bigints; the driver returns them as numbers.
      return (column, i) => {
        const value = column.data.values[i]!;
        return typeof value === 'bigint' ? Number(value) : value;
      };
    case Type.Float:
      return type.precision === arrow.Precision.HALF ? undefined : (column, i) => column.data.values[i];
    case Type.Bool:
      return (column, i) => {
        const at = column.data.offset + i;
        return ((column.data.values[at >> 3] as number) & (1 << (at & 7))) !== 0;
      };
    case Type.Date:
      return type.unit === arrow.DateUnit.DAY
        ? (column, i) => new Date((column.data.values[i] as number) * 86_400_000)
        : undefined;
    case Type.Timestamp:
      // As the driver: milliseconds from the two 32-bit halves, then a Date.
      return type.unit === arrow.TimeUnit.MICROSECOND
        ? (column, i) => {
            const values = column.data.values as unknown as Int32Array;
            return new Date(4_294_967_296 * (values[2 * i + 1]! / 1000) + (values[2 * i]! >>> 0) / 1000);
          }
        : undefined;
    default:
      return undefined;
  }
}

function batchRows(columns: readonly ColumnReader[], batch: ArrowRecordBatch, count: number): object[] {
  const rows: Record<string, unknown>[] = new Array<Record<string, unknown>>(count);
  for (let i = 0; i < count; i++) rows[i] = {};
  const children = batch.data.children;
  for (let c = 0; c < columns.length; c++) {
    const { name, read, arrowTypeId } = columns[c]!;
    const data = children[c]!;
    const { values } = data;
    const column: ColumnData = {
      data,
      bytes:
        arrowTypeId === arrow.Type.Utf8
          ? Buffer.from(values.buffer, values.byteOffset, values.byteLength)
          : undefined,
    };
    const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
    for (let i = 0; i < count; i++) {
      const at = data.offset + i;
      rows[i]![name] = bitmap && (bitmap[at >> 3]! & (1 << (at & 7))) === 0 ? null : read(column, i);
    }
  }
  return rows;
}

/** Node's own decoder behind `buf.toString('utf8', start, end)`, without its argument checks. */
type Utf8Slicing = Buffer & { utf8Slice(start: number, end: number): string };

/** A value of a string column; a leading BOM is dropped, as the driver's TextDecoder does. */
function text(column: ColumnData, i: number): string {
  const offsets = column.data.valueOffsets;
  const value = (column.bytes as Utf8Slicing).utf8Slice(offsets[i]!, offsets[i + 1]!);
  return value.charCodeAt(0) === 0xfeff ? value.slice(1) : value;
}

function parsedJson(value: string, fallback: unknown): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return fallback;
  }
}
