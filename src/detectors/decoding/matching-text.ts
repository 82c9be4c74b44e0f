import { ViewBuilder, type TextView } from './text-view.js';
import { matchesOf } from '../regex-matches.js';

/**
 * Text as phrase patterns see it: lower case, compatibility forms folded (NFKC: fullwidth and
 * styled letters become plain ones), invisible characters removed, Cyrillic and Greek look-alike
 * letters mapped to Latin inside words that mix scripts (so `іgnоrе` reads "ignore" and Russian
 * stays Russian), and letters spelled out with spaces or dots joined ("i g n o r e",
 * "i.g.n.o.r.e"). ASCII stretches are copied in bulk; only non-ASCII characters are looked at
 * one by one.
 */

/** Zero-width, bidi controls, word joiners, soft hyphen, variation selectors and Unicode tag characters. */
export const INVISIBLE =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\uFE00-\uFE0F]|[\u{E0000}-\u{E007F}]/u;

const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ɡ: 'g',
  һ: 'h',
  ӏ: 'l',
  α: 'a',
  ε: 'e',
  ι: 'i',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  ν: 'v',
  κ: 'k',
};

const NON_ASCII_RUN = /[\u0080-\uFFFF]+/g;
// Accented Latin letters count: "ріù" (Cyrillic р and і before a Latin ù) is an Italian word.
const LATIN = /[a-z\u00C0-\u024F]/i;
// Apostrophes join a word: a look-alike letter in "t'а" or "un'ΙΑ" belongs to a Latin word.
const WORD_CHAR = /[\p{L}\p{M}'’\u200B-\u200D\u2060\uFEFF]/u;

/** Whether the word around `index` has a Latin letter (a mixed-script word). */
function inLatinWord(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0 && WORD_CHAR.test(text[i]!); i--) if (LATIN.test(text[i]!)) return true;
  for (let i = index + 1; i < text.length && WORD_CHAR.test(text[i]!); i++)
    if (LATIN.test(text[i]!)) return true;
  return false;
}

/**
 * Whether the word around `index` is made of look-alike letters only ("ѕеі" for "sei") and stands
 * next to a Latin word: Latin text with whole words swapped out. In Russian text the words around
 * a short all-look-alike word ("а", "с", "ее") are Cyrillic, so they stay as they are.
 */
function lookAlikeWordAmongLatin(text: string, index: number): boolean {
  let start = index;
  while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--;
  let end = index + 1;
  while (end < text.length && WORD_CHAR.test(text[end]!)) end++;
  for (let i = start; i < end; i++) {
    const char = text[i]!;
    if (/\p{L}/u.test(char) && !LOOK_ALIKES[char.normalize('NFKC').toLowerCase()]) return false;
  }
  const neighbour = (from: number, step: 1 | -1) => {
    let i = from;
    for (let gap = 0; gap < 3 && i >= 0 && i < text.length && !WORD_CHAR.test(text[i]!); gap++) i += step;
    return i >= 0 && i < text.length && LATIN.test(text[i]!) && inLatinWord(text, i);
  };
  return neighbour(start - 1, -1) || neighbour(end, 1);
}

const LOOK_ALIKE_CHARS = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'i');
const INVISIBLE_ANY = new RegExp(INVISIBLE.source, 'u');

function foldNonAscii(text: string, run: string, at: number, builder: ViewBuilder): void {
  // Most non-ASCII text (accented, Cyrillic, CJK) folds to the same length with nothing to drop
  // or map: one NFKC and lower-casing for the whole run, copied with its offsets.
  const whole = run.normalize('NFKC').toLowerCase();
  // Latin within three characters: a look-alike in a Latin word ("t'а") or a swapped word ("ѕеі").
  const mixesScripts =
    LOOK_ALIKE_CHARS.test(run) && /[a-z]/i.test(text.slice(Math.max(0, at - 3), at + run.length + 3));
  if (whole.length === run.length && !INVISIBLE_ANY.test(run) && !mixesScripts) {
    if (whole === run) builder.copy(at, run);
    else builder.copyAs(at, whole);
    return;
  }
  let index = at;
  for (const char of run) {
    const next = index + char.length;
    if (!INVISIBLE.test(char)) {
      let folded = char.normalize('NFKC').toLowerCase();
      const look = LOOK_ALIKES[folded];
      if (look && (inLatinWord(text, index) || lookAlikeWordAmongLatin(text, index))) folded = look;
      if (folded === char) builder.copy(index, char);
      else builder.replace(index, next, folded);
    }
    index = next;
  }
}

function folded(view: TextView): TextView {
  const text = view.text;
  const builder = new ViewBuilder();
  let at = 0;
  for (const found of matchesOf(NON_ASCII_RUN, text)) {
    builder.copy(at, text.slice(at, found.index).toLowerCase());
    foldNonAscii(text, found[0], found.index, builder);
    at = found.index + found[0].length;
  }
  builder.copy(at, text.slice(at).toLowerCase());
  return builder.build('normalized', view);
}

/** Letters spelled one by one: "i g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e" (at least three). */
const SPELLED = /(?<![\p{L}\p{N}])\p{L}([ .\-_*])\p{L}(?:\1\p{L})+(?![\p{L}\p{N}])/gu;

/**
 * A whole text spelled out ("t u   e s   m a i n t e n a n t": letters one space apart, words
 * three apart): every single-spaced run is one word, two-letter words too.
 */
const SPELLED_OUT = /\p{L} \p{L} \p{L} \p{L}[^\n]*\S {2,}\S|\S {2,}\S[^\n]*\p{L} \p{L} \p{L} \p{L}/u;
const SINGLE_SPACED = /(?<!\S )\S(?: \S)+(?! \S)/gu;

function joinSpelled(view: TextView): TextView {
  const text = view.text;
  const pattern = SPELLED_OUT.test(text) ? SINGLE_SPACED : SPELLED;
  pattern.lastIndex = 0;
  const any = pattern.test(text);
  pattern.lastIndex = 0;
  if (!any) return view;
  const builder = new ViewBuilder();
  let at = 0;
  for (const found of matchesOf(pattern, text)) {
    builder.copy(at, text.slice(at, found.index));
    const joined = pattern === SPELLED ? found[0].replace(/[ .\-_*]/g, '') : found[0].replace(/ /g, '');
    builder.replace(found.index, found.index + found[0].length, joined);
    at = found.index + found[0].length;
  }
  builder.copy(at, text.slice(at));
  return builder.build('normalized', view);
}

export function matchingText(view: TextView): TextView {
  const text = view.text;
  const ascii = !/[\u0080-\uFFFF]/.test(text);
  const base: TextView = ascii
    ? { via: 'normalized', text: text.toLowerCase(), toOriginal: view.toOriginal }
    : folded(view);
  return /[ .\-_*]\p{L}[ .\-_*]/u.test(base.text) ? joinSpelled(base) : base;
}
