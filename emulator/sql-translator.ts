/**
 * Translates the Databricks SQL a collector sends into Postgres SQL over the emulator's tables.
 *
 * Supported subset (anything else fails with a Databricks-style error, usually
 * `[UNSUPPORTED_FEATURE.EMULATOR]`, or with the Postgres error mapped to a Databricks class):
 * - One `SELECT` statement (optionally `WITH name AS (…)` CTEs, joins, subqueries, GROUP BY,
 *   HAVING, ORDER BY, LIMIT/OFFSET); a trailing `;` is allowed.
 * - Table names `catalog.schema.table`, `schema.table` (session catalog, default `main`) or
 *   `table` (session schema), bare or `backticked`, with aliases.
 * - Columns bare, qualified (`u.sku_name`) or backticked; struct fields `usage_metadata.job_id`,
 *   `u.pricing.promotional.default` (typed by the column's struct type), map values
 *   `custom_tags.team`, `custom_tags['team']`, `element_at(custom_tags, 'team')`. An unaliased
 *   struct field in a select list is named after the field, as Databricks does.
 * - Literals: 'strings' and "strings" (backslash escapes), numbers, DATE '…', TIMESTAMP '…',
 *   INTERVAL 7 DAYS / INTERVAL '7' DAY / INTERVAL '1 day'; `:name` and `?` parameters bound
 *   from the driver's namedParameters / ordinalParameters.
 * - Functions: current_timestamp(), current_date(), now(), date_sub, date_add (2 and 3 args),
 *   dateadd, timestampadd, datediff, timestampdiff, date_trunc, to_date, to_timestamp,
 *   cast / try_cast / `::` to string, int, bigint, double, float, boolean, date, timestamp,
 *   decimal(p,s); element_at, array_contains, size, nvl/ifnull, if/iff, unix_timestamp; other
 *   functions (count, sum, min, max, coalesce, lower, upper, …) go to Postgres unchanged.
 * - Operators: == (as =), <=> (as IS NOT DISTINCT FROM), the usual comparisons, AND/OR/NOT,
 *   IN, BETWEEN, LIKE, IS [NOT] NULL, CASE.
 * Not supported: QUALIFY, LATERAL VIEW, PIVOT, TABLESAMPLE, GROUP BY ALL, DDL/DML/SHOW/SET, and
 * struct access on CTE or subquery columns.
 */
import { unsupported } from './databricks-errors.js';
import type { EmulatedCatalog, EmulatedTable } from './emulator-catalog.js';
import {
  functionCall,
  castType,
  intervalLiteral,
  quoteLiteral,
  type SqlParameter,
  parameterLiteral,
} from './sql-functions.js';
import { nestedFieldType, postgresStorageType } from './databricks-types.js';
import { scanStatement, type StatementScope } from './sql-scope.js';
import { isOp, isWord, tokenize, type Token } from './sql-tokens.js';
import { DatabricksSqlError, unboundParameter } from './databricks-errors.js';

export type { SqlParameter } from './sql-functions.js';

export interface TranslationContext {
  catalog: EmulatedCatalog;
  defaultCatalog?: string;
  defaultSchema?: string;
  namedParameters?: ReadonlyMap<string, SqlParameter>;
  ordinalParameters?: readonly SqlParameter[];
}

export interface TranslatedStatement {
  sql: string;
  /** Three-part names of every table the statement reads. */
  tables: string[];
}

/** Keywords that may stand before a parenthesis without being a function call. */
const NOT_FUNCTIONS = [
  'AS',
  'IN',
  'EXISTS',
  'AND',
  'OR',
  'NOT',
  'ON',
  'OVER',
  'USING',
  'FILTER',
  'WITHIN',
  'VALUES',
  'FROM',
  'JOIN',
  'WHERE',
  'SELECT',
  'WHEN',
  'THEN',
  'ELSE',
  'BY',
  'ALL',
  'ANY',
  'SOME',
  'LIMIT',
  'HAVING',
  'UNION',
];
const FORBIDDEN = ['QUALIFY', 'LATERAL', 'PIVOT', 'UNPIVOT', 'TABLESAMPLE', 'DISTRIBUTE'];

export function translateStatement(sql: string, context: TranslationContext): TranslatedStatement {
  const tokens = tokenize(sql);
  while (isOp(tokens.at(-1), ';')) tokens.pop();
  if (tokens.length === 0)
    throw new DatabricksSqlError('PARSE_SYNTAX_ERROR', 'Syntax error: empty statement.', '42601');
  if (!isWord(tokens[0], 'SELECT', 'WITH'))
    throw unsupported(`statements other than SELECT (got ${tokens[0]?.text.toUpperCase()})`);
  const forbidden = tokens.find((t) => isWord(t, ...FORBIDDEN) || isOp(t, ';'));
  if (forbidden)
    throw unsupported(forbidden.text === ';' ? 'several statements at once' : forbidden.text.toUpperCase());
  tokens.forEach((t, i) => {
    if (isWord(t, 'GROUP') && isWord(tokens[i + 1], 'BY') && isWord(tokens[i + 2], 'ALL'))
      throw unsupported('GROUP BY ALL');
  });
  const scope = scanStatement(tokens, context.catalog, {
    catalog: context.defaultCatalog ?? 'main',
    schema: context.defaultSchema ?? 'default',
  });
  const translator = new Translator(tokens, scope, context);
  return { sql: translator.range(0, tokens.length), tables: scope.tables.map((t) => t.fullName) };
}

class Translator {
  private ordinal = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly scope: StatementScope,
    private readonly context: TranslationContext,
  ) {}

  /** Postgres text for tokens [start, end). */
  range(start: number, end: number): string {
    const out: string[] = [];
    let i = start;
    while (i < end) i = this.emit(i, out);
    return out.join(' ');
  }

  private emit(i: number, out: string[]): number {
    const token = this.tokens[i] as Token;
    const next = this.tokens[i + 1];
    const reference = this.scope.tableAt.get(i);
    if (reference) {
      const alias = reference.alias ? ` AS "${reference.alias}"` : '';
      out.push(`"${reference.table.pgSchema}"."${reference.table.pgTable}"${alias}`);
      return reference.end;
    }
    if (isWord(token, 'DATE', 'TIMESTAMP', 'TIMESTAMP_LTZ', 'TIMESTAMP_NTZ') && next?.kind === 'string') {
      const type = {
        DATE: 'date',
        TIMESTAMP: 'timestamptz',
        TIMESTAMP_LTZ: 'timestamptz',
        TIMESTAMP_NTZ: 'timestamp',
      }[token.text.toUpperCase()];
      out.push(`${type} ${quoteLiteral(next.text)}`);
      return i + 2;
    }
    if (isWord(token, 'INTERVAL')) {
      const { text, next: after } = intervalLiteral(this.tokens, i + 1);
      out.push(text);
      return after;
    }
    if (token.kind === 'word' && isOp(next, '(') && !isWord(token, ...NOT_FUNCTIONS)) {
      const close = this.scope.matching[i + 1] as number;
      const args = this.splitArguments(i + 2, close);
      out.push(functionCall(token.text.toLowerCase(), args, (a) => this.range(a.start, a.end), this.tokens));
      return close + 1;
    }
    if (token.kind === 'word' || token.kind === 'quoted') return this.emitName(i, out);
    if (token.kind === 'number' && this.isSelectItem(i, i + 1)) out.push(`${token.text} AS "${token.text}"`);
    else if (token.kind === 'string') out.push(quoteLiteral(token.text));
    else if (token.kind === 'param') out.push(parameterLiteral(this.named(token.text)));
    else if (isOp(token, '?')) out.push(parameterLiteral(this.nextOrdinal()));
    else if (isOp(token, '==')) out.push('=');
    else if (isOp(token, '<=>')) out.push('IS NOT DISTINCT FROM');
    else if (isOp(token, '::')) {
      const { type, next: after } = castType(this.tokens, i + 1);
      out.push(`::${type}`);
      return after;
    } else if (isOp(token, '[')) return this.emitSubscript(i, out);
    else if (isOp(token, ':')) throw unsupported('the JSON path operator `:`');
    else out.push(token.text);
    return i + 1;
  }

  private emitName(start: number, out: string[]): number {
    const parts = [(this.tokens[start] as Token).text];
    let i = start + 1;
    let star = false;
    while (isOp(this.tokens[i], '.')) {
      const part = this.tokens[i + 1];
      if (part?.kind === 'word' || part?.kind === 'quoted') parts.push(part.text);
      else if (isOp(part, '*')) star = true;
      else break;
      i += 2;
      if (star) break;
    }
    const { text, field } = this.resolve(parts, star, this.tokens[start]?.kind === 'quoted');
    out.push(text);
    if (field !== undefined && this.isSelectItem(start, i)) out.push(`AS "${field}"`);
    return i;
  }

  /** Whether tokens [start, end) are a whole, unaliased select-list item. */
  private isSelectItem(start: number, end: number): boolean {
    return (
      this.scope.inSelectList[start] === true &&
      (isOp(this.tokens[start - 1], ',') || isWord(this.tokens[start - 1], 'SELECT', 'DISTINCT')) &&
      (end >= this.tokens.length || isOp(this.tokens[end], ',') || isWord(this.tokens[end], 'FROM'))
    );
  }

  private resolve(parts: string[], star: boolean, quoted: boolean): { text: string; field?: string } {
    const [first = '', ...rest] = parts;
    const lower = first.toLowerCase();
    if (this.scope.qualifiers.has(lower) && (rest.length > 0 || star)) {
      const table = this.scope.qualifiers.get(lower);
      if (star && rest.length === 0) return { text: `"${lower}".*` };
      const [column = '', ...fields] = rest;
      if (!table) return { text: [`"${lower}"`, ...rest.map((p) => `"${p.toLowerCase()}"`)].join('.') };
      return this.columnExpression(`"${lower}".`, table, column, fields);
    }
    const owner = this.scope.tables.find((t) => t.columns.has(lower));
    if (owner && !star) return this.columnExpression('', owner, first, rest);
    if (parts.length === 1 && this.scope.selectAliases.has(lower))
      return { text: `"${this.scope.selectAliases.get(lower)}"` };
    if (star) throw unsupported(`${parts.join('.')}.*`);
    return { text: parts.map((p) => (quoted ? `"${p}"` : p)).join('.') };
  }

  private columnExpression(
    prefix: string,
    table: EmulatedTable,
    name: string,
    fields: string[],
  ): { text: string; field?: string } {
    const column = table.columns.get(name.toLowerCase());
    if (!column) {
      throw new DatabricksSqlError(
        'UNRESOLVED_COLUMN.WITH_SUGGESTION',
        `A column, variable, or function parameter with name \`${name}\` cannot be resolved. Did you mean one of the following? [${[
          ...table.columns.keys(),
        ]
          .slice(0, 5)
          .map((c) => `\`${c}\``)
          .join(', ')}].`,
        '42703',
      );
    }
    let text = `${prefix}"${column.name}"`;
    let type = column.type;
    fields.forEach((field, index) => {
      const fieldType = nestedFieldType(type, [field]);
      if (!fieldType) {
        throw new DatabricksSqlError(
          'FIELD_NOT_FOUND',
          `No such struct field \`${field}\` in \`${column.name}\`.`,
          '42704',
        );
      }
      const last = index === fields.length - 1;
      const key = quoteLiteral(type.kind === 'map' ? field : field.toLowerCase());
      if (last && fieldType.kind === 'primitive') {
        const storage = postgresStorageType(fieldType);
        text = storage === 'text' ? `(${text}->>${key})` : `((${text}->>${key})::${storage})`;
      } else {
        text = `(${text}->${key})`;
      }
      type = fieldType;
    });
    return fields.length > 0 ? { text, field: fields.at(-1) as string } : { text };
  }

  private emitSubscript(i: number, out: string[]): number {
    const close = this.tokens.findIndex((t, at) => at > i && isOp(t, ']'));
    const previous = out.pop();
    if (close === -1 || previous === undefined) throw unsupported('this subscript');
    const key = this.range(i + 1, close);
    out.push(`(${previous}->>${key})`);
    return close + 1;
  }

  private splitArguments(start: number, end: number): { start: number; end: number }[] {
    const args: { start: number; end: number }[] = [];
    let from = start;
    for (let i = start; i < end; i++) {
      if (isOp(this.tokens[i], '(')) i = this.scope.matching[i] as number;
      else if (isOp(this.tokens[i], ',')) {
        args.push({ start: from, end: i });
        from = i + 1;
      }
    }
    if (end > start) args.push({ start: from, end });
    return args;
  }

  private named(name: string): SqlParameter {
    const parameter = this.context.namedParameters?.get(name);
    if (!parameter) throw unboundParameter(name);
    return parameter;
  }

  private nextOrdinal(): SqlParameter {
    const parameter = this.context.ordinalParameters?.[this.ordinal];
    if (!parameter) throw unboundParameter(`?${this.ordinal + 1}`);
    this.ordinal += 1;
    return parameter;
  }
}
