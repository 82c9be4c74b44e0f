/**
 * Result sets as the driver reads them: column descriptions (Databricks types, from the catalog
 * when a result column is a table column, from the Postgres type otherwise) and COLUMN_BASED row
 * sets. Postgres values arrive as text; each is encoded the way a warehouse sends that type:
 * BOOLEAN boolVal, TINYINT/SMALLINT/INT byteVal/i16Val/i32Val, BIGINT i64Val, FLOAT/DOUBLE
 * doubleVal, everything else stringVal (DECIMAL and DATE as text, TIMESTAMP as
 * `yyyy-MM-dd HH:mm:ss[.ffffff]` in UTC, STRUCT/MAP/ARRAY as JSON), with a nulls bitmap.
 */
import type { FieldDef } from 'pg';
import { databricksTypeOfPostgres, type EmulatedCatalog } from './emulator-catalog.js';
import { thriftTypeId, type DatabricksType } from './databricks-types.js';
import { i64, TTypeId, type TColumn, type TColumnDesc, type TRowSet } from './thrift-wire.js';

export interface ResultColumn {
  name: string;
  type: DatabricksType;
  typeId: number;
}

const PG_OID_TYPES: Record<number, string> = {
  16: 'boolean',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  700: 'real',
  701: 'double precision',
  1082: 'date',
  1114: 'timestamp without time zone',
  1184: 'timestamp with time zone',
  3802: 'jsonb',
  114: 'json',
  17: 'bytea',
};
const NUMERIC_OID = 1700;

export function resultColumns(fields: readonly FieldDef[], catalog: EmulatedCatalog): ResultColumn[] {
  return fields.map((field) => {
    const fromTable = field.tableID ? catalog.columnAt(field.tableID, field.columnID) : undefined;
    const type = fromTable?.type ?? typeOfField(field);
    return { name: field.name, type, typeId: thriftTypeId(type) };
  });
}

function typeOfField(field: FieldDef): DatabricksType {
  if (field.dataTypeID === NUMERIC_OID) {
    if (field.dataTypeModifier < 4) return { kind: 'primitive', name: 'decimal', precision: 38, scale: 18 };
    const modifier = field.dataTypeModifier - 4;
    return {
      kind: 'primitive',
      name: 'decimal',
      precision: (modifier >> 16) & 0xffff,
      scale: modifier & 0xffff,
    };
  }
  return databricksTypeOfPostgres(PG_OID_TYPES[field.dataTypeID] ?? 'text');
}

export function columnDescriptions(columns: readonly ResultColumn[]): TColumnDesc[] {
  return columns.map((column, index) => ({
    columnName: column.name,
    position: index + 1,
    typeDesc: {
      types: [
        {
          primitiveEntry: {
            type: column.typeId,
            ...(column.type.kind === 'primitive' && column.type.name === 'decimal'
              ? {
                  typeQualifiers: {
                    qualifiers: {
                      precision: { i32Value: column.type.precision },
                      scale: { i32Value: column.type.scale },
                    },
                  },
                }
              : {}),
          },
        },
      ],
    },
  }));
}

type Encoder = (values: (string | null)[], nulls: Buffer) => TColumn;

const ENCODERS: Partial<Record<number, Encoder>> = {
  [TTypeId.BOOLEAN]: (values, nulls) => ({
    boolVal: { values: values.map((v) => v === 't' || v === 'true'), nulls },
  }),
  [TTypeId.TINYINT]: (values, nulls) => ({ byteVal: { values: values.map((v) => Number(v ?? 0)), nulls } }),
  [TTypeId.SMALLINT]: (values, nulls) => ({ i16Val: { values: values.map((v) => Number(v ?? 0)), nulls } }),
  [TTypeId.INT]: (values, nulls) => ({ i32Val: { values: values.map((v) => Number(v ?? 0)), nulls } }),
  [TTypeId.BIGINT]: (values, nulls) => ({
    i64Val: { values: values.map((v) => i64(BigInt(v ?? 0))), nulls },
  }),
  [TTypeId.FLOAT]: (values, nulls) => ({ doubleVal: { values: values.map((v) => Number(v ?? 0)), nulls } }),
  [TTypeId.DOUBLE]: (values, nulls) => ({ doubleVal: { values: values.map((v) => Number(v ?? 0)), nulls } }),
  [TTypeId.TIMESTAMP]: (values, nulls) => ({
    stringVal: { values: values.map((v) => sparkTimestamp(v ?? '')), nulls },
  }),
};

const encodeString: Encoder = (values, nulls) => ({
  stringVal: { values: values.map((v) => v ?? ''), nulls },
});

/** One page of rows (arrays of Postgres text values, in column order) as a Thrift row set. */
export function encodeRowSet(
  columns: readonly ResultColumn[],
  rows: readonly (string | null)[][],
  startRowOffset: number,
): TRowSet {
  return {
    startRowOffset: i64(startRowOffset),
    rows: [],
    columns: columns.map((column, index) => {
      const values = rows.map((row) => row[index] ?? null);
      const encode = ENCODERS[column.typeId] ?? encodeString;
      return encode(values, nullsBitmap(values));
    }),
  };
}

function nullsBitmap(values: readonly (string | null)[]): Buffer {
  const bitmap = Buffer.alloc(Math.ceil(values.length / 8));
  values.forEach((value, i) => {
    if (value === null) bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
  });
  return bitmap;
}

/** `2024-05-01 13:45:00.5+00` (Postgres, UTC session) → `2024-05-01 13:45:00.5` (Spark). */
function sparkTimestamp(text: string): string {
  return text.replace(/([+-]\d\d(:\d\d)?)$/, '');
}
