import { matchesOf } from '../regex-matches.js';

/**
 * Text people cannot see but models read: Unicode tag characters (an invisible copy of ASCII),
 * and runs of zero-width and bidi control characters. (Base64 and hex are decoded in ../decoding.)
 */

export interface HiddenPayload {
  rule: 'unicode-tag-smuggling' | 'invisible-characters';
  kind: string;
  start: number;
  end: number;
  /** What the hidden text says, when it decodes to text; scanned for injection phrases. */
  decoded?: string;
}

const TAG_RUN = /[\u{E0000}-\u{E007F}]+/gu;
export const INVISIBLE_RUN = /[\u200B\u2060-\u2064\u180E\uFEFF\u202A-\u202E\u2066-\u2069]+/g;
const BIDI_OVERRIDE = /[\u202D\u202E\u2066-\u2069]/;
/** Subdivision flags (England, Scotland, Wales) are a black flag followed by tag characters. */
const BLACK_FLAG = '\u{1F3F4}';

function tagRuns(text: string): HiddenPayload[] {
  const runs = matchesOf(TAG_RUN, text).filter(
    (found) => text.slice(Math.max(0, found.index - 2), found.index) !== BLACK_FLAG,
  );
  return runs.map((found) => ({
    rule: 'unicode-tag-smuggling' as const,
    kind: 'hidden Unicode tag characters',
    start: found.index,
    end: found.index + found[0].length,
    decoded: [...found[0]]
      .map((ch) => String.fromCodePoint(ch.codePointAt(0)! - 0xe0000))
      .join('')
      .replace(/[^\x20-\x7E\n]/g, ''),
  }));
}

function invisibleRuns(text: string): HiddenPayload[] {
  const runs = matchesOf(INVISIBLE_RUN, text).filter(
    (found) => !(found.index === 0 && found[0] === '\uFEFF'),
  );
  const total = runs.reduce((sum, found) => sum + found[0].length, 0);
  if (total < 3 && !runs.some((found) => BIDI_OVERRIDE.test(found[0]))) return [];
  const first = runs[0]!;
  const last = runs.at(-1)!;
  return [
    {
      rule: 'invisible-characters',
      kind: 'invisible or direction-changing characters',
      start: first.index,
      end: last.index + last[0].length,
    },
  ];
}

/** Every hidden payload; the caller decides which ones are injections (by what they decode to). */
export function hiddenPayloads(text: string): HiddenPayload[] {
  return HIDDEN.test(text) ? [...tagRuns(text), ...invisibleRuns(text)] : [];
}

/** What either kind of run needs: an invisible character, or a tag character (as UTF-16). */
const HIDDEN = new RegExp(`${INVISIBLE_RUN.source.slice(0, -1)}|\\uDB40[\\uDC00-\\uDC7F]`);
