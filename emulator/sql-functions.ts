/**
 * Databricks SQL functions, casts, literals and parameters rewritten for Postgres (see the
 * supported list in sql-translator.ts). Arguments arrive as token ranges; `translate` turns a
 * range into Postgres text.
 */
import { unsupported, DatabricksSqlError } from './databricks-errors.js';
import { isOp, isWord, type Token } from './sql-tokens.js';

export interface SqlParameter {
  /** Spark type name the driver sent (STRING, DATE, TIMESTAMP, INTEGER, …); absent for NULL. */
  type?: string;
  /** The value as the driver sent it (`stringValue`); undefined means NULL. */
  value?: string;
}

type Range = { start: number; end: number };
type Rewrite = (args: string[], units: string[]) => string;

const UNIT_SECONDS: Record<string, number> = { SECOND: 1, MINUTE: 60, HOUR: 3600, DAY: 86400, WEEK: 604800 };

const REWRITES: Record<string, Rewrite> = {
  current_timestamp: () => 'current_timestamp',
  now: () => 'current_timestamp',
  current_date: () => 'current_date',
  date_sub: ([date, days]) => `(cast(${date} as date) - (${days})::integer)`,
  date_add: (args, units) =>
    args.length === 3
      ? addInterval(units[0], args[1], args[2])
      : `(cast(${args[0]} as date) + (${args[1]})::integer)`,
  dateadd: (args, units) => addInterval(units[0], args[1], args[2]),
  timestampadd: (args, units) => addInterval(units[0], args[1], args[2]),
  datediff: (args, units) =>
    args.length === 3
      ? difference(units[0], args[1], args[2])
      : `(cast(${args[0]} as date) - cast(${args[1]} as date))`,
  timestampdiff: (args, units) => difference(units[0], args[1], args[2]),
  to_date: ([value]) => `cast(${value} as date)`,
  to_timestamp: ([value]) => `cast(${value} as timestamptz)`,
  element_at: ([map, key]) => `(${map}->>${key})`,
  array_contains: ([array, value]) => `(${array} @> jsonb_build_array(${value}))`,
  size: ([value]) => `jsonb_array_length(${value})`,
  nvl: (args) => `coalesce(${args.join(', ')})`,
  ifnull: (args) => `coalesce(${args.join(', ')})`,
  if: ([condition, then, otherwise]) => `(CASE WHEN ${condition} THEN ${then} ELSE ${otherwise} END)`,
  iff: ([condition, then, otherwise]) => `(CASE WHEN ${condition} THEN ${then} ELSE ${otherwise} END)`,
  unix_timestamp: ([value]) => `extract(epoch from ${value ?? 'current_timestamp'})::bigint`,
};

const UNSUPPORTED_FUNCTIONS = new Set([
  'explode',
  'posexplode',
  'inline',
  'from_json',
  'get_json_object',
  'max_by',
  'min_by',
  'collect_list',
  'collect_set',
  'named_struct',
  'struct',
  'map',
]);

export function functionCall(
  name: string,
  args: Range[],
  translate: (range: Range) => string,
  tokens: readonly Token[],
): string {
  if (name === 'cast' || name === 'try_cast') return cast(args, translate, tokens);
  if (UNSUPPORTED_FUNCTIONS.has(name)) throw unsupported(`the function ${name}()`);
  const translated = args.map(translate);
  const units = args.map((a) => unitName(tokens[a.start]));
  const rewrite = REWRITES[name];
  if (rewrite) return rewrite(translated, units);
  return `${name}(${translated.join(', ')})`;
}

function unitName(token: Token | undefined): string {
  const text = token?.kind === 'string' || token?.kind === 'word' ? token.text.toUpperCase() : '';
  return text.replace(/S$/, '');
}

function addInterval(
  unit: string | undefined,
  amount: string | undefined,
  value: string | undefined,
): string {
  if (!unit || !amount || !value) throw unsupported('this form of timestampadd/dateadd');
  return `(${value} + (${amount}) * interval '1 ${unit.toLowerCase()}')`;
}

function difference(unit: string | undefined, start: string | undefined, end: string | undefined): string {
  const seconds = UNIT_SECONDS[unit ?? ''];
  if (!seconds || !start || !end) throw unsupported(`timestampdiff in ${unit ?? 'this unit'}`);
  return `floor(extract(epoch from ((${end}) - (${start}))) / ${seconds})::bigint`;
}

function cast(args: Range[], translate: (range: Range) => string, tokens: readonly Token[]): string {
  const [only] = args;
  const as = only ? tokens.findIndex((t, i) => i >= only.start && i < only.end && isWord(t, 'AS')) : -1;
  if (!only || as === -1) throw unsupported('CAST without AS');
  const { type, next } = castType(tokens, as + 1);
  if (next !== only.end) throw unsupported('this CAST target type');
  return `cast(${translate({ start: only.start, end: as })} as ${type})`;
}

const CAST_TYPES: Record<string, string> = {
  STRING: 'text',
  VARCHAR: 'text',
  CHAR: 'text',
  INT: 'integer',
  INTEGER: 'integer',
  BIGINT: 'bigint',
  LONG: 'bigint',
  SMALLINT: 'smallint',
  SHORT: 'smallint',
  TINYINT: 'smallint',
  BYTE: 'smallint',
  DOUBLE: 'double precision',
  FLOAT: 'real',
  REAL: 'real',
  BOOLEAN: 'boolean',
  DATE: 'date',
  TIMESTAMP: 'timestamptz',
  TIMESTAMP_LTZ: 'timestamptz',
  TIMESTAMP_NTZ: 'timestamp',
};

/** Reads a Databricks type at `start` (e.g. `decimal(38,18)`) and returns the Postgres type. */
export function castType(tokens: readonly Token[], start: number): { type: string; next: number } {
  const word = tokens[start];
  const name = word?.kind === 'word' ? word.text.toUpperCase() : '';
  if (['DECIMAL', 'DEC', 'NUMERIC'].includes(name)) {
    if (!isOp(tokens[start + 1], '(')) return { type: 'numeric(10,0)', next: start + 1 };
    const precision = tokens[start + 2]?.text;
    const hasScale = isOp(tokens[start + 3], ',');
    const scale = hasScale ? tokens[start + 4]?.text : '0';
    const close = start + (hasScale ? 5 : 3);
    if (!isOp(tokens[close], ')')) throw unsupported('this DECIMAL type');
    return { type: `numeric(${precision},${scale})`, next: close + 1 };
  }
  const type = CAST_TYPES[name];
  if (!type) throw unsupported(`casts to ${name || 'this type'}`);
  const sized = isOp(tokens[start + 1], '(') && (name === 'VARCHAR' || name === 'CHAR');
  return { type, next: sized ? start + 4 : start + 1 };
}

/** `INTERVAL 7 DAYS`, `INTERVAL '7' DAY`, `INTERVAL '1 day'`, `INTERVAL 1 DAY 2 HOURS`. */
export function intervalLiteral(tokens: readonly Token[], start: number): { text: string; next: number } {
  const parts: string[] = [];
  let i = start;
  for (;;) {
    const negative = isOp(tokens[i], '-');
    const value = tokens[negative ? i + 1 : i];
    if (value?.kind !== 'number' && value?.kind !== 'string') break;
    const unit = tokens[negative ? i + 2 : i + 1];
    const hasUnit =
      unit?.kind === 'word' &&
      /^(YEAR|MONTH|WEEK|DAY|HOUR|MINUTE|SECOND|MILLISECOND|MICROSECOND)S?$/i.test(unit.text);
    if (!hasUnit && value.kind === 'number') break;
    parts.push(`${negative ? '-' : ''}${value.text}${hasUnit ? ` ${unit.text.toLowerCase()}` : ''}`);
    i += (negative ? 2 : 1) + (hasUnit ? 1 : 0);
    if (!hasUnit) break;
  }
  if (parts.length === 0) throw unsupported('this INTERVAL literal');
  return { text: `interval ${quoteLiteral(parts.join(' '))}`, next: i };
}

export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const NUMERIC_CASTS: Record<string, string> = {
  INTEGER: 'integer',
  INT: 'integer',
  BIGINT: 'bigint',
  SMALLINT: 'smallint',
  TINYINT: 'smallint',
  DOUBLE: 'double precision',
  FLOAT: 'real',
  DECIMAL: 'numeric',
};

export function parameterLiteral(parameter: SqlParameter): string {
  const { value } = parameter;
  if (value === undefined) return 'NULL';
  const type = (parameter.type ?? 'STRING').toUpperCase();
  const numeric = NUMERIC_CASTS[type];
  if (numeric) {
    if (!NUMERIC.test(value))
      throw new DatabricksSqlError('INVALID_PARAMETER_VALUE', `'${value}' is not a ${type}.`, '22023');
    return `(${value})::${numeric}`;
  }
  if (type === 'BOOLEAN') return value.toUpperCase() === 'TRUE' ? 'TRUE' : 'FALSE';
  if (type === 'DATE') return `date ${quoteLiteral(value)}`;
  if (type === 'TIMESTAMP' || type === 'TIMESTAMP_LTZ') return `timestamptz ${quoteLiteral(value)}`;
  if (type === 'TIMESTAMP_NTZ') return `timestamp ${quoteLiteral(value)}`;
  return quoteLiteral(value);
}
