/**
 * Databricks column types as the emulator's tables declare them (`string`, `decimal(38,18)`,
 * `map<string,string>`, `struct<a:string,b:struct<c:bigint>>`, `array<string>`), their Postgres
 * storage (structs, maps and arrays as jsonb) and the Thrift type id the driver reads.
 */
import { TTypeId } from './thrift-wire.js';

export type PrimitiveName =
  | 'string'
  | 'int'
  | 'bigint'
  | 'smallint'
  | 'tinyint'
  | 'double'
  | 'float'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'decimal'
  | 'binary';

export type DatabricksType =
  | { kind: 'primitive'; name: PrimitiveName; precision?: number; scale?: number }
  | { kind: 'struct'; fields: { name: string; type: DatabricksType }[] }
  | { kind: 'map'; key: DatabricksType; value: DatabricksType }
  | { kind: 'array'; element: DatabricksType };

const ALIASES: Record<string, PrimitiveName> = {
  string: 'string',
  varchar: 'string',
  char: 'string',
  int: 'int',
  integer: 'int',
  bigint: 'bigint',
  long: 'bigint',
  smallint: 'smallint',
  short: 'smallint',
  tinyint: 'tinyint',
  byte: 'tinyint',
  double: 'double',
  float: 'float',
  real: 'float',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ltz: 'timestamp',
  decimal: 'decimal',
  dec: 'decimal',
  numeric: 'decimal',
  binary: 'binary',
};

export function parseDatabricksType(text: string): DatabricksType {
  const parser = new TypeParser(text);
  const type = parser.type();
  parser.end();
  return type;
}

class TypeParser {
  private position = 0;
  constructor(private readonly text: string) {}

  type(): DatabricksType {
    const name = this.word().toLowerCase();
    if (name === 'struct') {
      this.expect('<');
      const fields: { name: string; type: DatabricksType }[] = [];
      while (!this.take('>')) {
        if (fields.length > 0) this.expect(',');
        const fieldName = this.word();
        this.expect(':');
        fields.push({ name: fieldName, type: this.type() });
      }
      return { kind: 'struct', fields };
    }
    if (name === 'map') {
      this.expect('<');
      const key = this.type();
      this.expect(',');
      const value = this.type();
      this.expect('>');
      return { kind: 'map', key, value };
    }
    if (name === 'array') {
      this.expect('<');
      const element = this.type();
      this.expect('>');
      return { kind: 'array', element };
    }
    const primitive = ALIASES[name];
    if (!primitive) throw new Error(`Unknown Databricks type '${name}' in '${this.text}'`);
    if (primitive === 'decimal') {
      if (!this.take('(')) return { kind: 'primitive', name: 'decimal', precision: 10, scale: 0 };
      const precision = Number(this.word());
      const scale = this.take(',') ? Number(this.word()) : 0;
      this.expect(')');
      return { kind: 'primitive', name: 'decimal', precision, scale };
    }
    if (primitive === 'string' && this.take('(')) {
      this.word();
      this.expect(')');
    }
    return { kind: 'primitive', name: primitive };
  }

  end(): void {
    this.skipSpace();
    if (this.position !== this.text.length) this.fail('end of type');
  }

  private word(): string {
    this.skipSpace();
    const match = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.position));
    if (!match) this.fail('a name');
    this.position += match[0].length;
    return match[0];
  }

  private take(symbol: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(symbol, this.position)) {
      this.position += symbol.length;
      return true;
    }
    return false;
  }

  private expect(symbol: string): void {
    if (!this.take(symbol)) this.fail(`'${symbol}'`);
  }

  private skipSpace(): void {
    while (/\s/.test(this.text.charAt(this.position))) this.position += 1;
  }

  private fail(expected: string): never {
    throw new Error(`Bad Databricks type '${this.text}': expected ${expected} at ${this.position}`);
  }
}

export function formatDatabricksType(type: DatabricksType): string {
  switch (type.kind) {
    case 'struct':
      return `struct<${type.fields.map((f) => `${f.name}:${formatDatabricksType(f.type)}`).join(',')}>`;
    case 'map':
      return `map<${formatDatabricksType(type.key)},${formatDatabricksType(type.value)}>`;
    case 'array':
      return `array<${formatDatabricksType(type.element)}>`;
    case 'primitive':
      return type.name === 'decimal' ? `decimal(${type.precision},${type.scale})` : type.name;
  }
}

/** How a column of this type is stored in the emulator's Postgres tables. */
export function postgresStorageType(type: DatabricksType): string {
  if (type.kind !== 'primitive') return 'jsonb';
  return POSTGRES_TYPES[type.name](type);
}

const POSTGRES_TYPES: Record<PrimitiveName, (type: { precision?: number; scale?: number }) => string> = {
  string: () => 'text',
  int: () => 'integer',
  bigint: () => 'bigint',
  smallint: () => 'smallint',
  tinyint: () => 'smallint',
  double: () => 'double precision',
  float: () => 'real',
  boolean: () => 'boolean',
  date: () => 'date',
  timestamp: () => 'timestamptz',
  decimal: (t) => `numeric(${t.precision ?? 10},${t.scale ?? 0})`,
  binary: () => 'bytea',
};

const THRIFT_TYPES: Record<PrimitiveName, number> = {
  string: TTypeId.STRING,
  int: TTypeId.INT,
  bigint: TTypeId.BIGINT,
  smallint: TTypeId.SMALLINT,
  tinyint: TTypeId.TINYINT,
  double: TTypeId.DOUBLE,
  float: TTypeId.FLOAT,
  boolean: TTypeId.BOOLEAN,
  date: TTypeId.DATE,
  timestamp: TTypeId.TIMESTAMP,
  decimal: TTypeId.DECIMAL,
  binary: TTypeId.BINARY,
};

export function thriftTypeId(type: DatabricksType): number {
  switch (type.kind) {
    case 'struct':
      return TTypeId.STRUCT;
    case 'map':
      return TTypeId.MAP;
    case 'array':
      return TTypeId.ARRAY;
    case 'primitive':
      return THRIFT_TYPES[type.name];
  }
}

/** The type of `column.field.field…` (struct fields, or map values by key); undefined if none. */
export function nestedFieldType(type: DatabricksType, path: readonly string[]): DatabricksType | undefined {
  let current: DatabricksType | undefined = type;
  for (const name of path) {
    if (current?.kind === 'struct') {
      current = current.fields.find((f) => f.name.toLowerCase() === name.toLowerCase())?.type;
    } else if (current?.kind === 'map') {
      current = current.value;
    } else {
      return undefined;
    }
  }
  return current;
}
