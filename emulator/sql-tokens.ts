/**
 * A tokenizer for the Databricks SQL the emulator accepts: bare and `backtick` identifiers,
 * 'single' and "double" quoted string literals (Spark reads both as strings, with backslash
 * escapes), numbers, `:name` and `?` parameters, operators and punctuation. Comments are dropped.
 */
import { DatabricksSqlError } from './databricks-errors.js';

export type Token =
  | { kind: 'word'; text: string }
  | { kind: 'quoted'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'param'; text: string }
  | { kind: 'op'; text: string };

const OPERATORS = [
  '<=>',
  '::',
  '<=',
  '>=',
  '<>',
  '!=',
  '==',
  '||',
  '(',
  ')',
  ',',
  '.',
  '*',
  '=',
  '<',
  '>',
  '+',
  '-',
  '/',
  '%',
  '[',
  ']',
  ';',
  '?',
  ':',
];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', Z: '\x1a' };

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const char = sql.charAt(i);
    if (/\s/.test(char)) {
      i += 1;
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw syntaxError(sql, i, 'unterminated comment');
      i = end + 2;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(sql.charAt(i + 1)))) {
      const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[LDSYBF]?(BD)?/.exec(sql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: match[0].replace(/(BD|[LDSYBF])$/i, '') });
      i += match[0].length;
    } else if (char === '`') {
      const { text, next } = readQuoted(sql, i, '`', false);
      tokens.push({ kind: 'quoted', text });
      i = next;
    } else if (char === "'" || char === '"') {
      const { text, next } = readQuoted(sql, i, char, true);
      tokens.push({ kind: 'string', text });
      i = next;
    } else if (char === ':' && /[A-Za-z_]/.test(sql.charAt(i + 1)) && !/[\w`\]]/.test(sql.charAt(i - 1))) {
      const match = /^:([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'param', text: match[1] as string });
      i += match[0].length;
    } else {
      const operator = OPERATORS.find((op) => sql.startsWith(op, i));
      if (!operator) throw syntaxError(sql, i, `unexpected character '${char}'`);
      tokens.push({ kind: 'op', text: operator });
      i += operator.length;
    }
  }
  return tokens;
}

function readQuoted(
  sql: string,
  start: number,
  quote: string,
  escapes: boolean,
): { text: string; next: number } {
  let text = '';
  let i = start + 1;
  while (i < sql.length) {
    const char = sql.charAt(i);
    if (escapes && char === '\\' && i + 1 < sql.length) {
      const next = sql.charAt(i + 1);
      text += ESCAPES[next] ?? next;
      i += 2;
    } else if (char === quote) {
      if (sql.charAt(i + 1) === quote) {
        text += quote;
        i += 2;
      } else {
        return { text, next: i + 1 };
      }
    } else {
      text += char;
      i += 1;
    }
  }
  throw syntaxError(sql, start, 'unterminated quoted text');
}

function syntaxError(sql: string, at: number, detail: string): DatabricksSqlError {
  const near = sql.slice(at, at + 20);
  return new DatabricksSqlError(
    'PARSE_SYNTAX_ERROR',
    `Syntax error at or near '${near}': ${detail}.`,
    '42601',
  );
}

export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.text.toUpperCase());
}

export function isOp(token: Token | undefined, ...ops: string[]): boolean {
  return token?.kind === 'op' && ops.includes(token.text);
}
