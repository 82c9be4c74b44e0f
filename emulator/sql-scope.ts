/**
 * The first pass over a tokenized statement: where table references are (after FROM, JOIN and
 * commas in a FROM list), their aliases, CTE names, derived-table aliases, select-list aliases,
 * and which tokens sit in a select list. The translator uses it to resolve names.
 */
import { tableNotFound, unsupported } from './databricks-errors.js';
import type { EmulatedCatalog, EmulatedTable } from './emulator-catalog.js';
import { isOp, isWord, type Token } from './sql-tokens.js';

export interface TableReference {
  end: number;
  table: EmulatedTable;
  alias?: string;
}

export interface StatementScope {
  /** Token index of a table name → the resolved table (the name spans [index, end)). */
  tableAt: Map<number, TableReference>;
  /** Lower-case qualifier (alias or table name) → table; undefined for CTEs and subqueries. */
  qualifiers: Map<string, EmulatedTable | undefined>;
  tables: EmulatedTable[];
  selectAliases: Map<string, string>;
  inSelectList: boolean[];
  matching: number[];
}

const CLAUSE_END = [
  'WHERE',
  'GROUP',
  'ORDER',
  'LIMIT',
  'HAVING',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'WINDOW',
  'ON',
  'USING',
  'OFFSET',
];
const NOT_ALIAS = new Set([
  ...CLAUSE_END,
  'JOIN',
  'LEFT',
  'RIGHT',
  'INNER',
  'FULL',
  'CROSS',
  'OUTER',
  'SEMI',
  'ANTI',
  'NATURAL',
  'AS',
  'FROM',
  'SELECT',
]);

export function scanStatement(
  tokens: readonly Token[],
  catalog: EmulatedCatalog,
  defaults: { catalog: string; schema: string },
): StatementScope {
  const scope: StatementScope = {
    tableAt: new Map(),
    qualifiers: new Map(),
    tables: [],
    selectAliases: new Map(),
    inSelectList: new Array<boolean>(tokens.length).fill(false),
    matching: matchParentheses(tokens),
  };
  const cteNames = new Set<string>();
  const mode: ('select' | 'from' | 'other')[] = ['other'];
  const derivedCloseAt = new Set<number>();
  let expectTable = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const depth = mode.length - 1;
    if (isOp(token, '(')) {
      if (expectTable) derivedCloseAt.add(scope.matching[i] as number);
      expectTable = false;
      mode.push('other');
      continue;
    }
    if (isOp(token, ')')) {
      mode.pop();
      if (derivedCloseAt.has(i)) i = readAlias(tokens, i + 1, scope, undefined) - 1;
      continue;
    }
    if (isWord(token, 'WITH') || (isOp(token, ',') && cteNames.size > 0 && mode[depth] === 'other')) {
      const name = tokens[i + 1];
      if (
        (name?.kind === 'word' || name?.kind === 'quoted') &&
        isWord(tokens[i + 2], 'AS') &&
        isOp(tokens[i + 3], '(')
      ) {
        cteNames.add(name.text.toLowerCase());
        scope.qualifiers.set(name.text.toLowerCase(), undefined);
        i += 2;
        continue;
      }
    }
    if (isWord(token, 'SELECT')) mode[depth] = 'select';
    else if ((isWord(token, 'FROM') && mode[depth] === 'select') || isWord(token, 'JOIN')) {
      mode[depth] = 'from';
      expectTable = true;
    } else if (isWord(token, ...CLAUSE_END)) mode[depth] = 'other';
    else if (isOp(token, ',') && mode[depth] === 'from') expectTable = true;
    else if (expectTable && (token.kind === 'word' || token.kind === 'quoted')) {
      expectTable = false;
      i = readTable(tokens, i, scope, catalog, defaults, cteNames) - 1;
      continue;
    } else if (isWord(token, 'AS') && mode[depth] === 'select') {
      const alias = tokens[i + 1];
      if (alias?.kind === 'word' || alias?.kind === 'quoted')
        scope.selectAliases.set(alias.text.toLowerCase(), alias.text);
    }
    scope.inSelectList[i] = mode[depth] === 'select';
  }
  return scope;
}

function readTable(
  tokens: readonly Token[],
  start: number,
  scope: StatementScope,
  catalog: EmulatedCatalog,
  defaults: { catalog: string; schema: string },
  cteNames: Set<string>,
): number {
  const parts = [(tokens[start] as Token).text];
  let i = start + 1;
  while (isOp(tokens[i], '.') && (tokens[i + 1]?.kind === 'word' || tokens[i + 1]?.kind === 'quoted')) {
    parts.push((tokens[i + 1] as Token).text);
    i += 2;
  }
  if (parts.length === 1 && cteNames.has(parts[0]!.toLowerCase()))
    return readAlias(tokens, i, scope, undefined);
  if (parts.length > 3) throw unsupported(`the table name ${parts.join('.')}`);
  const full = [defaults.catalog, defaults.schema]
    .slice(0, 3 - parts.length)
    .concat(parts)
    .join('.');
  const table = catalog.table(full);
  if (!table) throw tableNotFound(full);
  const end = readAlias(tokens, i, scope, table);
  const alias = end > i ? (tokens[end - 1] as Token).text.toLowerCase() : undefined;
  scope.tableAt.set(start, { end, table, ...(alias ? { alias } : {}) });
  if (!scope.tables.includes(table)) scope.tables.push(table);
  if (!alias) scope.qualifiers.set(table.pgTable.toLowerCase(), table);
  return end;
}

/** Registers `[AS] alias` at `i` (if any) for `table`; returns the index after it. */
function readAlias(
  tokens: readonly Token[],
  i: number,
  scope: StatementScope,
  table: EmulatedTable | undefined,
): number {
  let at = i;
  if (isWord(tokens[at], 'AS')) at += 1;
  const alias = tokens[at];
  const isAlias =
    alias?.kind === 'quoted' || (alias?.kind === 'word' && !NOT_ALIAS.has(alias.text.toUpperCase()));
  if (!isAlias) return i;
  scope.qualifiers.set(alias.text.toLowerCase(), table);
  return at + 1;
}

function matchParentheses(tokens: readonly Token[]): number[] {
  const matching = new Array<number>(tokens.length).fill(-1);
  const open: number[] = [];
  tokens.forEach((token, i) => {
    if (isOp(token, '(')) open.push(i);
    if (isOp(token, ')')) {
      const start = open.pop();
      if (start === undefined) throw unsupported('unbalanced parentheses');
      matching[start] = i;
      matching[i] = start;
    }
  });
  if (open.length > 0) throw unsupported('unbalanced parentheses');
  return matching;
}
