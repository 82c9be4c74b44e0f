import { containedKeys, literalKeys, type LiteralKeys } from '../literal-keys.js';
import { LiteralScan } from '../literal-scan.js';
import { matchesOf } from '../regex-matches.js';

/**
 * Every phrase pattern of a set run over one text in one scan instead of one scan each (a
 * hundred phrases, one regex scan of the text each, were most of the cost of reading a window).
 *
 * A phrase can only match where one of the plain strings every match of it starts with is
 * (`ignore`, `disregard`, … after any word-edge assertion; see ../literal-keys.ts). One scan for
 * all those strings (../literal-scan.ts) finds every such place; each phrase is then tried,
 * anchored, only there. A phrase that starts with a short word (`a partir de ahora`) is tried
 * only when a longer string it holds (`partir`) is in the text too; one that starts with no plain
 * string at all, only when a string it holds is. Tried in order and resumed after each match, that finds exactly the
 * matches a global scan of the phrase finds. Phrases whose start cannot be read off their
 * pattern, and case-insensitive ones, are scanned whole.
 */
export interface PhraseScan<P> {
  /**
   * Each phrase's matches, phrase by phrase in the order given, as `matchesOf` finds them;
   * `include`: which phrases to run (all when not given).
   */
  matches(text: string, include?: (phrase: P) => boolean): { phrase: P; found: RegExpExecArray }[];
}

interface Anchored<P> {
  phrase: P;
  /** The phrase anchored (`y`), or undefined: scanned whole. */
  sticky: RegExp | undefined;
  /** Whether the phrase is tried only when one of the strings it holds is somewhere in the text. */
  gated: boolean;
}

/** Starts shorter than this (`a`, `tu`, `ne`) make a phrase wait for a longer string it holds. */
const SHORT_START = 4;

/** What a phrase is found by, read once per pattern (phrase sets share phrases). */
const KEYS = new WeakMap<RegExp, { read?: LiteralKeys; gate?: string[]; sticky?: RegExp }>();

function keysOf(pattern: RegExp): { read?: LiteralKeys; gate?: string[]; sticky?: RegExp } {
  let keys = KEYS.get(pattern);
  if (keys) return keys;
  const plain = pattern.global && !pattern.ignoreCase;
  const read = plain ? literalKeys(pattern.source, pattern.unicode) : undefined;
  const short = !read || Math.min(...read.keys.map((key) => key.length)) < SHORT_START;
  const held = plain && short ? containedKeys(pattern.source, pattern.unicode) : undefined;
  const gated = held !== undefined && Math.min(...held.map((key) => key.length)) >= (read ? SHORT_START : 1);
  keys = {
    read,
    gate: gated ? held : undefined,
    sticky: read && new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`),
  };
  KEYS.set(pattern, keys);
  return keys;
}

/** One automaton for the strings of a part of the phrases (the Latin ones, say). */
interface Part {
  literals: LiteralScan;
  /**
   * Per string: the phrases it starts (index in the whole set) and how far into their matches
   * it sits, or (offset -1) the phrases it lets be tried.
   */
  starts: { phrase: number; offset: number }[][];
  phrases: number[];
}

/**
 * `partOf`: phrases in different parts (scripts) get automatons of their own, so a text that
 * runs none of a part's phrases does not scan for its strings, and each automaton stays small.
 */
export function phraseScan<P extends { pattern: RegExp }>(
  phrases: readonly P[],
  partOf: (phrase: P) => string = () => '',
): PhraseScan<P> {
  const anchored: Anchored<P>[] = [];
  const byPart = new Map<string, { strings: string[]; starts: Part['starts']; phrases: number[] }>();
  phrases.forEach((phrase, index) => {
    const { read, gate, sticky } = keysOf(phrase.pattern);
    anchored.push({ phrase, sticky, gated: gate !== undefined });
    let part = byPart.get(partOf(phrase));
    if (!part) {
      part = { strings: [], starts: [], phrases: [] };
      byPart.set(partOf(phrase), part);
    }
    part.phrases.push(index);
    const add = (key: string, offset: number) => {
      let at = part.strings.indexOf(key);
      if (at < 0) at = part.strings.push(key) - 1;
      (part.starts[at] ??= []).push({ phrase: index, offset });
    };
    for (const key of read?.keys ?? []) add(key, read!.offset);
    for (const key of gate ?? []) add(key, -1);
  });
  const parts: Part[] = [...byPart.values()].map(({ strings, starts, phrases: members }) => ({
    literals: new LiteralScan(strings),
    starts,
    phrases: members,
  }));

  const open = new Uint8Array(anchored.length);
  const wanted = new Uint8Array(anchored.length);
  /** A phrase and a position in one number, so that sorting them sorts by phrase, then position. */
  const PER_PHRASE = 2 ** 32;

  return {
    matches(text, include) {
      open.fill(0);
      const candidates: number[] = [];
      for (const { literals, starts, phrases: members } of parts) {
        let any = false;
        for (const index of members) {
          wanted[index] = !include || include(anchored[index]!.phrase) ? 1 : 0;
          any ||= wanted[index] === 1;
        }
        if (!any) continue;
        const hits = literals.scan(text);
        for (let h = 0; h < hits; h++) {
          const key = literals.hitKeys[h]!;
          const start = literals.hitEnds[h]! - literals.strings[key]!.length;
          for (const { phrase, offset } of starts[key]!) {
            if (offset < 0) open[phrase] = 1;
            else if (start - offset >= 0) candidates.push(phrase * PER_PHRASE + start - offset);
          }
        }
      }
      candidates.sort((a, b) => a - b);
      const out: { phrase: P; found: RegExpExecArray }[] = [];
      let next = 0;
      for (let index = 0; index < anchored.length; index++) {
        const { phrase, sticky, gated } = anchored[index]!;
        const first = next;
        while (next < candidates.length && candidates[next]! < (index + 1) * PER_PHRASE) next++;
        if ((gated && open[index] === 0) || wanted[index] === 0) continue;
        if (!sticky) {
          for (const found of matchesOf(phrase.pattern, text)) out.push({ phrase, found });
          continue;
        }
        let resume = 0;
        for (let c = first; c < next; c++) {
          const at = candidates[c]! - index * PER_PHRASE;
          if (at < resume) continue;
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
