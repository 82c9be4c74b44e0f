/**
 * SCIM filters as the Databricks account API documents them: `attr op value` comparisons with
 * eq, ne, co, sw, joined by `and` / `or` ("simple expressions" only, no parentheses).
 */

export type ScimFilterOperator = 'eq' | 'ne' | 'co' | 'sw';

export interface ScimComparison {
  /** Lower-cased attribute path, e.g. `username`, `emails.value`. */
  attribute: string;
  operator: ScimFilterOperator;
  value: string | boolean;
}

/** A disjunction of conjunctions: `a and b or c` is `[[a, b], [c]]`. */
export type ScimFilter = ScimComparison[][];

/** Attribute values of one resource, keyed by lower-cased attribute path. */
export type ScimAttributes = Readonly<Record<string, ReadonlyArray<string | boolean>>>;

export class InvalidScimFilter extends Error {
  constructor(filter: string, reason: string) {
    super(`Invalid filter '${filter}': ${reason}`);
    this.name = 'InvalidScimFilter';
  }
}

interface Token {
  text: string;
  quoted: boolean;
}

const OPERATORS: ReadonlySet<string> = new Set(['eq', 'ne', 'co', 'sw']);
const TOKEN = /\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))\s*/y;

export function parseScimFilter(text: string): ScimFilter {
  const tokens = tokenize(text);
  let current: ScimComparison[] = [];
  const filter: ScimFilter = [current];
  let index = 0;
  for (;;) {
    const [attribute, operator, value] = tokens.slice(index, index + 3);
    if (!attribute || !operator || !value || attribute.quoted || operator.quoted) {
      throw new InvalidScimFilter(text, 'expected <attribute> <operator> <value>');
    }
    const op = operator.text.toLowerCase();
    if (!OPERATORS.has(op)) throw new InvalidScimFilter(text, `unsupported operator ${op}`);
    current.push({
      attribute: attribute.text.toLowerCase(),
      operator: op as ScimFilterOperator,
      value: literal(value),
    });
    index += 3;
    const joiner = tokens[index];
    if (!joiner) return filter;
    const word = joiner.quoted ? '' : joiner.text.toLowerCase();
    if (word === 'or') {
      current = [];
      filter.push(current);
    } else if (word !== 'and') {
      throw new InvalidScimFilter(text, `expected 'and' or 'or' before '${joiner.text}'`);
    }
    index += 1;
  }
}

/** Strings compare case-insensitively except for attributes listed in `caseExact` (ids). */
export function matchesScimFilter(
  filter: ScimFilter,
  attributes: ScimAttributes,
  caseExact: ReadonlySet<string> = new Set(['id']),
): boolean {
  return filter.some((conjunction) =>
    conjunction.every((comparison) =>
      compare(comparison, attributes[comparison.attribute] ?? [], caseExact.has(comparison.attribute)),
    ),
  );
}

function compare(
  comparison: ScimComparison,
  values: ReadonlyArray<string | boolean>,
  exact: boolean,
): boolean {
  const normalize = (value: string | boolean) =>
    typeof value === 'string' && !exact ? value.toLowerCase() : value;
  const target = normalize(comparison.value);
  const hit = (raw: string | boolean): boolean => {
    const value = normalize(raw);
    if (comparison.operator === 'eq' || comparison.operator === 'ne') return value === target;
    if (typeof value !== 'string' || typeof target !== 'string') return false;
    return comparison.operator === 'co' ? value.includes(target) : value.startsWith(target);
  };
  return comparison.operator === 'ne' ? !values.some(hit) : values.some(hit);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new InvalidScimFilter(text, `cannot parse from position ${start}`);
    const [, quoted, bare] = match;
    if (quoted !== undefined) {
      tokens.push({ text: unescape(quoted), quoted: true });
    } else if (bare !== undefined) {
      if (/[()[\]]/.test(bare)) throw new InvalidScimFilter(text, 'grouping is not supported');
      tokens.push({ text: bare, quoted: false });
    }
  }
  return tokens;
}

function unescape(quoted: string): string {
  try {
    return JSON.parse(`"${quoted}"`) as string;
  } catch {
    return quoted;
  }
}

/** Quoted strings are strings; bare true/false are booleans; other bare words are accepted as
 * strings, as Databricks' own example `userName eq user@example.com` is unquoted. */
function literal(token: Token): string | boolean {
  if (token.quoted) return token.text;
  const lower = token.text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return token.text;
}
