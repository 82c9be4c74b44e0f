import { ViewBuilder, type TextView } from './text-view.js';
import { matchesOf } from '../regex-matches.js';

/**
 * Undoes the escaping that hides text from patterns without hiding it from a model: URL
 * percent-encoding, HTML character references and JSON string escapes (so a JSON document in a
 * JSON string, `{"out":"{\"password\":\"…\"}"}`, reads as JSON). Applied twice at most (a URL in
 * a JSON string, JSON in JSON). Undefined when there is nothing to undo.
 */
const ESCAPES =
  /(?:%[0-9A-Fa-f]{2})+|&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[a-zA-Z]{2,8});|\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])/g;
const MAYBE = /%[0-9A-Fa-f]{2}|&#?\w{2,8};|\\["\\/bfnrtu]/;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  colon: ':',
  sol: '/',
  equals: '=',
  period: '.',
  lowbar: '_',
  num: '#',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß',
  ndash: '–',
  mdash: '—',
};

const JSON_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function unescapeToken(token: string): string | undefined {
  if (token.startsWith('%')) {
    const bytes = Buffer.from(token.replace(/%/g, ''), 'hex');
    const text = bytes.toString('utf8');
    return text.includes('\uFFFD') ? undefined : text;
  }
  if (token.startsWith('&#')) {
    const code =
      token[2] === 'x' || token[2] === 'X' ? parseInt(token.slice(3, -1), 16) : Number(token.slice(2, -1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  if (token.startsWith('&')) return NAMED[token.slice(1, -1).toLowerCase()];
  const kind = token[1]!;
  if (kind === 'u') return String.fromCharCode(parseInt(token.slice(2), 16));
  return JSON_ESCAPES[kind] ?? kind;
}

/** An escape `unescapedView` may undo. */
export const ESCAPE_SOURCE = MAYBE.source;

function unescapeOnce(view: TextView): TextView | undefined {
  const text = view.text;
  if (!MAYBE.test(text)) return undefined;
  const builder = new ViewBuilder();
  let at = 0;
  let changed = false;
  for (const found of matchesOf(ESCAPES, text)) {
    const replacement = unescapeToken(found[0]);
    if (replacement === undefined) continue;
    builder.copy(at, text.slice(at, found.index));
    builder.replace(found.index, found.index + found[0].length, replacement);
    at = found.index + found[0].length;
    changed = true;
  }
  if (!changed) return undefined;
  builder.copy(at, text.slice(at));
  return builder.build('unescaped', view);
}

export function unescapedView(view: TextView): TextView | undefined {
  const once = unescapeOnce(view);
  if (!once) return undefined;
  return unescapeOnce(once) ?? once;
}
