import { closingParen, factoredAlternation, topLevelAlternatives } from '../factored-alternation.js';
import { matchesOf } from '../regex-matches.js';

/**
 * Every phrase pattern of a set run over one text in one scan instead of one scan each (a
 * hundred phrases, one scan of the text each, were most of the cost of reading a window).
 *
 * A phrase can only match where its first word does (`ignore|disregard|…`, after any word-edge
 * assertion). One scan for all first words finds every position where any of them starts; each
 * phrase is then tried, anchored, only at those positions, and only where the character there can
 * start its first word. Tried in order and resumed after each match, that finds exactly the
 * matches a global scan of the phrase finds. Phrases whose first word cannot be read off their
 * pattern, and plain (non-Unicode) patterns, whose own scans are cheap, are scanned as before.
 */
export interface PhraseScan<P> {
  /** Each phrase's matches, phrase by phrase in the order given, as `matchesOf` finds them. */
  matches(text: string): { phrase: P; found: RegExpExecArray }[];
}

interface Anchored<P> {
  phrase: P;
  /** The phrase anchored (`y`), or undefined: scanned whole. */
  sticky: RegExp | undefined;
  firstChars: Set<string> | undefined;
}

export function phraseScan<P extends { pattern: RegExp }>(phrases: readonly P[]): PhraseScan<P> {
  const anchored: Anchored<P>[] = [];
  // First words by flags, and whether the phrase asks for a word boundary (`\b`) before them.
  const words = new Map<string, string[]>();
  for (const phrase of phrases) {
    const { pattern } = phrase;
    // Unicode patterns only: a scan of a plain pattern is as cheap as the anchored tries.
    const indexed = pattern.unicode && pattern.global && !pattern.ignoreCase;
    const leading = indexed ? leadingWords(pattern.source) : undefined;
    if (!leading) {
      anchored.push({ phrase, sticky: undefined, firstChars: undefined });
      continue;
    }
    const firstChars = new Set<string>();
    for (const { word, boundary } of leading) {
      const kind = `${pattern.unicode ? 'u' : ''}${boundary ? 'b' : ''}`;
      words.set(kind, [...(words.get(kind) ?? []), word]);
      firstCharsOf(word)?.forEach((ch) => firstChars.add(ch));
    }
    const complete = leading.every(({ word }) => firstCharsOf(word) !== undefined);
    const sticky = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`);
    anchored.push({ phrase, sticky, firstChars: complete ? firstChars : undefined });
  }
  const starts = [...words].map(([kind, list]) => {
    const scan = factoredAlternation(list.join('|'), kind.includes('u') ? 'gu' : 'g');
    return kind.includes('b') ? new RegExp(`\\b(?:${scan.source})`, scan.flags) : scan;
  });

  return {
    matches(text) {
      const positions = startPositions(starts, text);
      const out: { phrase: P; found: RegExpExecArray }[] = [];
      for (const { phrase, sticky, firstChars } of anchored) {
        if (!sticky) {
          for (const found of matchesOf(phrase.pattern, text)) out.push({ phrase, found });
          continue;
        }
        let resume = 0;
        for (const at of positions) {
          if (at < resume || (firstChars && !firstChars.has(text[at]!))) continue;
          sticky.lastIndex = at;
          const found = sticky.exec(text);
          if (found === null) continue;
          out.push({ phrase, found });
          resume = found[0].length > 0 ? at + found[0].length : at + 1;
        }
        sticky.lastIndex = 0;
      }
      return out;
    },
  };
}

/** Every position where one of the first-word scans matches, in order. */
function startPositions(starts: readonly RegExp[], text: string): number[] {
  const positions = new Set<number>();
  for (const start of starts) {
    start.lastIndex = 0;
    for (let hit = start.exec(text); hit !== null; hit = start.exec(text)) {
      positions.add(hit.index);
      // Every start position, overlapping ones too: resume one character (code point) on.
      const code = text.charCodeAt(hit.index);
      start.lastIndex = hit.index + (start.unicode && code >= 0xd800 && code <= 0xdbff ? 2 : 1);
    }
    start.lastIndex = 0;
  }
  return [...positions].sort((a, b) => a - b);
}

/**
 * The first word of each top-level alternative of a pattern, after any leading assertions
 * (`\b`, `^`, look-arounds): a group or a run of plain characters matched exactly once, and
 * whether a `\b` is among those assertions. Undefined when one alternative has none (it could start
 * anywhere).
 */
export function leadingWords(source: string): { word: string; boundary: boolean }[] | undefined {
  const words: { word: string; boundary: boolean }[] = [];
  for (const alternative of topLevelAlternatives(source)) {
    // The leading assertions all hold where a match starts: a `\b` among them is needed there.
    let boundary = false;
    let rest = alternative;
    for (;;) {
      if (rest.startsWith('\\b')) {
        boundary = true;
        rest = rest.slice(2);
      } else if (rest.startsWith('^')) rest = rest.slice(1);
      else if (/^\(\?(?:[=!]|<[=!])/.test(rest)) {
        const end = closingParen(rest);
        if (end < 0) return undefined;
        rest = rest.slice(end + 1);
      } else break;
    }
    const word = firstWord(rest);
    if (word === undefined) return undefined;
    words.push({ word, boundary });
  }
  return words;
}

function firstWord(rest: string): string | undefined {
  if (rest.startsWith('(')) {
    if (!rest.startsWith('(?:')) return undefined; // capturing or named: would renumber the scan's groups
    const end = closingParen(rest);
    if (end < 0 || /^[?*+{]/.test(rest.slice(end + 1))) return undefined;
    const group = rest.slice(0, end + 1);
    return /\((?!\?:)/.test(group.replace(/\\./g, '')) ? undefined : group;
  }
  const run = /^[^\\()[\]{}.?*+|^$]+/.exec(rest)?.[0] ?? '';
  const word = /^[?*+{]/.test(rest.slice(run.length)) ? run.slice(0, -1) : run;
  return word.length > 0 ? word : undefined;
}

/** The characters a word (group or plain run) can start with, when they can be read off it. */
export function firstCharsOf(word: string): Set<string> | undefined {
  if (!word.startsWith('(?:')) {
    const first = word[0];
    return first === undefined || /[\\()[\]{}.?*+|^$]/.test(first) ? undefined : new Set([first]);
  }
  const chars = new Set<string>();
  for (const alternative of topLevelAlternatives(word.slice(3, -1))) {
    const next = alternative.startsWith('(?:') ? groupAt(alternative) : plainFirst(alternative);
    if (next === undefined) return undefined;
    next.forEach((ch) => chars.add(ch));
  }
  return chars;
}

/** First characters of a leading group that is matched at least once. */
function groupAt(alternative: string): Set<string> | undefined {
  const end = closingParen(alternative);
  if (end < 0 || /^(?:[?*]|\{0)/.test(alternative.slice(end + 1))) return undefined;
  return firstCharsOf(alternative.slice(0, end + 1));
}

/** The first character of a plain alternative, unless it is optional or not a plain character. */
function plainFirst(alternative: string): Set<string> | undefined {
  let first = alternative[0];
  let after = alternative.slice(1);
  if (first === '\\') {
    // An escaped punctuation character is that character; `\s`, `\p{L}`… are classes.
    if (!/^[\\/.[\](){}|?*+^$-]/.test(after)) return undefined;
    first = after[0];
    after = after.slice(1);
  }
  if (first === undefined || /[()[\]{}.?*+|^$]/.test(first)) return undefined;
  if (/^(?:[?*]|\{0)/.test(after)) return undefined;
  return new Set([first]);
}
