import { closingParen, topLevelAlternatives } from './factored-alternation.js';

/**
 * The plain strings every match of a pattern holds, read off its source: every match of
 * `(?:ignore|forget) (?:all|any)\b` starts with one of `ignore all`, `ignore any`, `forget all`,
 * `forget any`. A scan for such strings (see literal-scan.ts) finds every place a pattern can
 * match far faster than the regex engine trying the pattern at every position; the pattern is
 * then tried only there.
 *
 * Reading stops at the first part that is not a plain character, a small class (`[cç]`), a group
 * of such parts, or one of them made optional (`s?`): at `.`, `\s`, `\p{L}`, a large class, a
 * repeat. What was read by then starts every match. Assertions (`\b`, `^`, look-arounds) are
 * stepped over: they match no characters, but the keys no longer say that the pattern matches.
 * When what starts the pattern is too short to be worth a scan (`d.ora in poi`), reading goes on
 * after a part of fixed width, and the keys sit that many characters into every match (`offset`).
 */
export interface LiteralKeys {
  /** Every match of the pattern holds one of these at `offset` (never empty strings). */
  keys: string[];
  /** Where the keys start in a match. */
  offset: number;
  /** A key found is a match of the pattern (the whole pattern was read, nothing stepped over). */
  exact: boolean;
}

/** The most keys one pattern may expand to; beyond it, reading stops. */
const MAX_KEYS = 512;
/** The same for a part of a pattern read for the strings it holds (many parts are read). */
const MAX_CONTAINED_KEYS = 64;
/** Strings this long are worth a look: reading other parts for longer ones stops. */
const GOOD_KEY = 5;
/** Keys shorter than this are worth reading past a part of fixed width for. */
const SHORT_KEY = 3;

/**
 * Keys of one alternative (a source without a top-level `|` outside groups, or with one when
 * every alternative's keys start at the same place), or undefined when it has none.
 * `unicode`: the pattern has the `u` or `v` flag (then `.` and classes may match two code units).
 */
export function literalKeys(source: string, unicode = false): LiteralKeys | undefined {
  let offset = 0;
  let rest = source;
  let best: LiteralKeys | undefined;
  for (;;) {
    const read = readAlternatives(rest, unicode);
    const keys = [...new Set(read.strings)];
    const usable = !keys.includes('');
    const candidate = usable
      ? { keys, offset, exact: offset === 0 && read.complete && !read.assertion }
      : undefined;
    if (candidate && (!best || shortest(candidate.keys) > shortest(best.keys))) best = candidate;
    if (best && (best.exact || shortest(best.keys) >= SHORT_KEY)) return best;
    // Read on past the part that stopped reading, when everything up to its end has one width.
    if (read.next === undefined) return best;
    offset += read.next.width;
    rest = rest.slice(read.next.at);
  }
}

const shortest = (keys: readonly string[]) => Math.min(...keys.map((key) => key.length));

/**
 * Plain strings one of which every match of the pattern holds somewhere (where, is not known):
 * for each alternative, the longest keys of any part of it on (every match holds a match of the
 * rest of it, from each of its parts on). For gates where the start of a pattern is too short a
 * string to be worth a look (`a\s+partir\s+de` holds `partir`). Undefined when an alternative has
 * no plain string at all.
 */
export function containedKeys(source: string, unicode = false): string[] | undefined {
  const all: string[] = [];
  for (const alternative of topLevelAlternatives(source)) {
    let best: string[] | undefined;
    for (let i = 0; i < alternative.length;) {
      const read = readAlternatives(alternative.slice(i), unicode, MAX_CONTAINED_KEYS);
      const keys = [...new Set(read.strings)];
      if (!keys.includes('') && (!best || shortest(keys) > shortest(best))) best = keys;
      if (best && shortest(best) >= GOOD_KEY) break;
      const atom = atomAt(alternative, i, unicode);
      i += atom.length + quantifierAt(alternative, i + atom.length).length;
    }
    if (!best) return undefined;
    all.push(...best);
  }
  return [...new Set(all)];
}

interface Read {
  /** Starts of every match (complete matches when `complete`). */
  strings: string[];
  /** Whether the whole source was read (the strings are the matches themselves). */
  complete: boolean;
  /** Whether an assertion was stepped over. */
  assertion: boolean;
  /** Where reading can go on (after the part that stopped it) and the fixed width before it. */
  next?: { at: number; width: number };
}

function readAlternatives(source: string, unicode: boolean, max = MAX_KEYS): Read {
  const alternatives = topLevelAlternatives(source);
  if (alternatives.length === 1) return readSequence(source, unicode, max);
  const out: Read = { strings: [], complete: true, assertion: false };
  for (const alternative of alternatives) {
    const read = readSequence(alternative, unicode, max);
    out.strings.push(...read.strings);
    out.complete &&= read.complete;
    out.assertion ||= read.assertion;
  }
  return out;
}

/** One part of a source: the strings it matches (all of them), or undefined when it cannot be read. */
interface Atom {
  options: string[] | undefined;
  /** A group read in part (its options only start its matches): reading stops after it. */
  partial?: boolean;
  assertion?: boolean;
  /** Source length of the atom. */
  length: number;
  /** How many code units it matches when that is fixed (an atom that cannot be read). */
  width?: number;
}

function readSequence(source: string, unicode: boolean, max: number): Read {
  let strings = [''];
  let assertion = false;
  let i = 0;
  const stop = (next?: Read['next']): Read => ({ strings, complete: false, assertion, next });
  while (i < source.length) {
    const atom = atomAt(source, i, unicode, max);
    if (atom.assertion) {
      assertion = true;
      i += atom.length;
      continue;
    }
    const quantifier = quantifierAt(source, i + atom.length);
    const end = i + atom.length + quantifier.length;
    if (atom.options === undefined) {
      const fixed = atom.width !== undefined && quantifier.min === quantifier.max;
      const width = sameLength(strings);
      return stop(
        fixed && width !== undefined ? { at: end, width: width + atom.width! * quantifier.min } : undefined,
      );
    }
    i = end;
    // Repeated any number of times, perhaps none: nothing after it is read.
    if (quantifier.min === 0 && quantifier.max !== 1) return stop();
    const optional = quantifier.min === 0; // `?`: once or not at all
    const options = optional ? [...atom.options, ''] : atom.options;
    for (let copy = 0; copy < Math.max(1, quantifier.min); copy++) {
      if (strings.length * options.length > max) return stop();
      strings = strings.flatMap((s) => options.map((o) => s + o));
    }
    // A group read in part, or more copies than the fewest: what follows is not read.
    if (atom.partial || (!optional && quantifier.max !== quantifier.min)) return stop();
  }
  return { strings, complete: true, assertion };
}

function sameLength(strings: readonly string[]): number | undefined {
  const length = strings[0]!.length;
  return strings.every((s) => s.length === length) ? length : undefined;
}

const ASSERTION_GROUP = /^\(\?(?:[=!]|<[=!])/;

function atomAt(source: string, i: number, unicode: boolean, max = MAX_KEYS): Atom {
  const ch = source[i]!;
  const oneUnit = unicode ? undefined : 1;
  if (ch === '^' || ch === '$') return { options: undefined, assertion: true, length: 1 };
  if (ch === '(') {
    const end = closingParen(source.slice(i));
    if (end < 0) return { options: undefined, length: source.length - i };
    const group = source.slice(i, i + end + 1);
    if (ASSERTION_GROUP.test(group)) return { options: undefined, assertion: true, length: group.length };
    const inner = group.replace(/^\((?:\?:|\?<[A-Za-z_]\w*>)?/, '').slice(0, -1);
    const read = readAlternatives(inner, unicode, max);
    if (read.strings.includes('')) return { options: undefined, length: group.length };
    // An assertion inside a group is checked by the pattern itself: the group's strings still
    // start every match, but they are no longer all of it.
    return { options: read.strings, partial: !read.complete || read.assertion, length: group.length };
  }
  if (ch === '[') {
    const length = classEnd(source, i) - i;
    const members = classMembers(source.slice(i + 1, i + length - 1));
    return { options: members, length, width: members ? undefined : oneUnit };
  }
  if (ch === '.') return { options: undefined, length: 1, width: oneUnit };
  if (ch === '\\') return escapeAt(source, i);
  return { options: [ch], length: 1 };
}

const CONTROL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };

function escapeAt(source: string, i: number): Atom {
  const next = source[i + 1] ?? '';
  if (next === 'b' || next === 'B') return { options: undefined, assertion: true, length: 2 };
  if (/[dDwWsS]/.test(next))
    return { options: undefined, length: 2, width: /[dws]/.test(next) ? 1 : undefined };
  if (next === 'p' || next === 'P' || next === 'k') {
    const end = source.indexOf(next === 'k' ? '>' : '}', i);
    return { options: undefined, length: end < 0 ? 2 : end - i + 1 };
  }
  if (/\d/.test(next)) return { options: undefined, length: 2 }; // a back-reference
  const code = /^u([0-9A-Fa-f]{4})/.exec(source.slice(i + 1));
  if (code) return { options: [String.fromCharCode(parseInt(code[1]!, 16))], length: 6 };
  if (CONTROL_ESCAPES[next]) return { options: [CONTROL_ESCAPES[next]], length: 2 };
  if (/[A-Za-z]/.test(next)) return { options: undefined, length: 2 }; // \x.., \c., \u{…}: not read
  return { options: [next], length: 2 };
}

/** Where the class opened at `i` ends (after its `]`). */
function classEnd(source: string, i: number): number {
  for (let j = i + 1; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === ']') return j + 1;
  }
  return source.length;
}

/** The characters of a small class body (`cç`, `sz`, `"\\/bfnrtu`), or undefined. */
function classMembers(body: string): string[] | undefined {
  if (body.startsWith('^') || body === '') return undefined;
  const members: string[] = [];
  for (let j = 0; j < body.length; j++) {
    let ch = body[j]!;
    if (ch === '\\') {
      const escaped = escapeAt(body, j);
      if (escaped.options === undefined || escaped.assertion) return undefined;
      ch = escaped.options[0]!;
      j += escaped.length - 1;
    } else if (body[j + 1] === '-' && j + 2 < body.length) {
      const last = body[j + 2]!;
      if (last === '\\' || last.charCodeAt(0) - ch.charCodeAt(0) > 10) return undefined;
      for (let code = ch.charCodeAt(0); code <= last.charCodeAt(0); code++)
        members.push(String.fromCharCode(code));
      j += 2;
      continue;
    }
    members.push(ch);
  }
  return members.length <= 10 ? members : undefined;
}

/** The quantifier at `i` (none: exactly once). */
function quantifierAt(source: string, i: number): { min: number; max: number; length: number } {
  const ch = source[i];
  const lazy = (length: number) => (source[i + length] === '?' ? length + 1 : length);
  if (ch === '?') return { min: 0, max: 1, length: lazy(1) };
  if (ch === '*') return { min: 0, max: Infinity, length: lazy(1) };
  if (ch === '+') return { min: 1, max: Infinity, length: lazy(1) };
  const braces = ch === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i)) : null;
  if (braces) {
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
    return { min, max, length: lazy(braces[0].length) };
  }
  return { min: 1, max: 1, length: 0 };
}
