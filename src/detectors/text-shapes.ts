import type { LiteralScan } from './literal-scan.js';

/**
 * The shapes the detectors' gates need, besides plain strings: digit groups, base64 and hex runs,
 * hidden and obfuscating characters. Counted in the same pass over a lower-cased text that steps
 * the trigger strings' automaton (see ./triggers.ts); a plain letter, most of any text, costs
 * that step alone: runs are measured where they end.
 */
export interface Shapes extends NumberShapes {
  /** Occurrences the automaton put in its hit buffers. */
  hits: number;
  /** Where each run of 16 or more base64 characters starts. */
  base64Starts: number[];
  /** 24 hex digits, at most one space or colon apart. */
  hex: boolean;
  /** An `@`. */
  at: boolean;
  /** Zero-width, bidi or Unicode tag characters. */
  hidden: boolean;
  /** Maybe obfuscated: invisible or fullwidth characters, Greek or Cyrillic touching Latin, spelled-out letters. */
  obfuscated: boolean;
  /** One of `FOLDS_AWAY`. */
  folds: boolean;
  /** A colon, two to five digits or a `*`, a colon (a .pgpass line's port). */
  colonPort: boolean;
}

/** How the digits of a text are written, for the gates of the PII rules. */
export interface NumberShapes {
  /** The most digits in a row, each at most one of ` .()/-` from the next. */
  digits: number;
  /** Bit n (n < 31): a run of exactly n digits, nothing between them; bit 31: a longer run. */
  digitRuns: number;
  /** The most dots between the digits of one row (see `digits`). */
  dottedDigits: number;
  /** Two Latin letters right before digits: bit 1 with nothing between them, bit 2 with a space. */
  letters: number;
  /** A hex digit, a colon and a hex digit (IPv6 addresses). */
  hexColon: boolean;
  /** A `+` or `(`, with which phone numbers are written. */
  phoneStart: boolean;
  /** A row of digits that starts with 0 and another digit (a trunk prefix). */
  zeroLead: boolean;
}

/** Bits of `NumberShapes.letters`. */
export const LETTERS_THEN_DIGITS = 1;
export const LETTERS_SPACE_DIGITS = 2;

// Character kinds, by code unit of the lower-cased text.
const DIGIT = 1;
const DIGIT_SEPARATOR = 2; // between the digits of a group: ` .()/-`
const BASE64 = 4; // [a-z0-9+/_-]
const HEX = 8; // [0-9a-f]
const HEX_SEPARATOR = 16; // [ :]
const SPELLING_SEPARATOR = 32; // [ .\-_*]
const LETTER = 64; // what spelled-out letters are: Latin and Cyrillic letters
const SPECIAL = 128; // `@`, invisible and fullwidth characters, tag characters
const GREEK_CYRILLIC = 256; // look-alikes when they touch a Latin letter
const FOLDS = 512; // see FOLDS_AWAY
const PHONE_START = 1024; // `+`, `(`

/**
 * Lower-case characters that a case-insensitive Unicode pattern matches as another one (`ſ` as
 * `s`, `ς` as `σ`): lower-casing keeps them, so strings read off such a pattern may be missed in
 * a text that has one. The unit test recomputes the list.
 */
export const FOLDS_AWAY =
  '\u00b5\u0131\u017f\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e9b\u1fbe';

const KIND = new Uint16Array(65536);
const mark = (chars: string, kind: number) => {
  for (const ch of chars) KIND[ch.charCodeAt(0)]! |= kind;
};
const range = (from: number, to: number): string =>
  String.fromCharCode(...Array.from({ length: to - from + 1 }, (_, i) => from + i));
/** Lower-cased, as they appear in the scanned text (the originals are any case). */
const lowerCased = (chars: string) =>
  [...chars]
    .map((ch) => ch.toLowerCase())
    .filter((ch) => ch.length === 1)
    .join('');
const LOWER = range(0x61, 0x7a);
mark('0123456789', DIGIT | BASE64 | HEX);
mark(' .()/-', DIGIT_SEPARATOR);
mark(`${LOWER}+/_-`, BASE64);
mark('abcdef', HEX);
mark(' :', HEX_SEPARATOR);
mark(' .-_*', SPELLING_SEPARATOR);
mark(lowerCased(`${LOWER}${range(0xc0, 0x24f)}${range(0x400, 0x4ff)}`), LETTER);
mark(lowerCased(range(0x370, 0x4ff)), GREEK_CYRILLIC);
mark(`@\u00AD\u180E${range(0x200b, 0x200f)}${range(0x202a, 0x202e)}`, SPECIAL);
mark(`${range(0x2060, 0x2064)}${range(0x2066, 0x2069)}\uFEFF${range(0xff41, 0xff5a)}\uDB40`, SPECIAL);
mark(FOLDS_AWAY, FOLDS);
mark('+(', PHONE_START);
/** Latin letters (with the hex bit set, a–f and g–z alike): base64 characters and nothing else the shapes look at. */
const LATIN_LETTER = BASE64 | HEX | LETTER;
const CYRILLIC_LETTER = LETTER | GREEK_CYRILLIC;
const GREEK_LETTER = GREEK_CYRILLIC;
const SPACE = 0x20;
const DOT = 0x2e;
const COLON = 0x3a;
const STAR = 0x2a;
const ZERO = 0x30;
const isLatin = (code: number) => code >= 0x61 && code <= 0x7a;

/** The bit of a run of `length` digits in `Shapes.digitRuns`. */
export const digitRun = (length: number) => (length < 31 ? 1 << length : 1 << 31);

const BASE64_RUN = 16;
const HEX_DIGITS = 24;

/** Letters spelled out around the separator at `at`: a letter, then three more each after the same separator. */
function spelledOut(lower: string, at: number): boolean {
  const separator = lower.charCodeAt(at);
  return (
    at > 0 &&
    at + 5 < lower.length &&
    lower.charCodeAt(at + 2) === separator &&
    (KIND[lower.charCodeAt(at - 1)]! & LETTER) !== 0 &&
    (KIND[lower.charCodeAt(at + 1)]! & LETTER) !== 0 &&
    (KIND[lower.charCodeAt(at + 3)]! & LETTER) !== 0 &&
    lower.charCodeAt(at + 4) === separator &&
    (KIND[lower.charCodeAt(at + 5)]! & LETTER) !== 0
  );
}

/** Two Latin letters right before `at` (`LETTERS_THEN_DIGITS`), or before a space there (`LETTERS_SPACE_DIGITS`); else 0. */
function lettersBefore(lower: string, at: number): number {
  if (at < 2) return 0; // (and no read before the text: that would deoptimize the scan)
  const spaced = lower.charCodeAt(at - 1) === SPACE;
  const last = spaced ? at - 2 : at - 1;
  if (last < 1 || !isLatin(lower.charCodeAt(last)) || !isLatin(lower.charCodeAt(last - 1))) return 0;
  return spaced ? LETTERS_SPACE_DIGITS : LETTERS_THEN_DIGITS;
}

const isHex = (lower: string, at: number) =>
  at >= 0 && at < lower.length && (KIND[lower.charCodeAt(at)]! & HEX) !== 0;

/**
 * Two hex digits on each side of the separator at `at`: what a separator inside a hex run needs
 * (the run is pairs of digits, each maybe followed by one).
 */
const hexPairsAround = (lower: string, at: number) =>
  isHex(lower, at - 1) && isHex(lower, at + 1) && isHex(lower, at - 2) && isHex(lower, at + 2);

/** The most hex digits in a row between `start` and `end` (a base64 run). */
function longestHex(lower: string, start: number, end: number): number {
  let longest = 0;
  let run = 0;
  for (let i = start; i < end; i++) {
    run = isHex(lower, i) ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * The hex digits of the chain through the separator at `at` (hex digits, at most one space or
 * colon between two), and where the chain ends.
 */
function hexChain(lower: string, at: number): { digits: number; end: number } {
  let start = at;
  while (
    isHex(lower, start - 1) ||
    (isHex(lower, start - 2) && KIND[lower.charCodeAt(start - 1)]! & HEX_SEPARATOR)
  )
    start--;
  let digits = 0;
  let end = start;
  for (let separated = false; end < lower.length; end++) {
    const kind = KIND[lower.charCodeAt(end)]!;
    if (kind & HEX) {
      digits++;
      separated = false;
    } else if (kind & HEX_SEPARATOR && !separated) separated = true;
    else break;
  }
  return { digits, end };
}

const shapes: Shapes = {
  hits: 0,
  digits: 0,
  digitRuns: 0,
  dottedDigits: 0,
  letters: 0,
  hexColon: false,
  phoneStart: false,
  zeroLead: false,
  base64Starts: [],
  hex: false,
  at: false,
  hidden: false,
  obfuscated: false,
  folds: false,
  colonPort: false,
};

/** Per character code, the automaton's column (low bits) and the character's kind: one look-up per character. */
export interface CharacterTable {
  entries: Uint32Array;
}
const COLUMN = 0xffff;
const KIND_SHIFT = 16;

/** The table for `literals` (its columns and the kinds, in one entry per character). */
export function characterTable(literals: LiteralScan): CharacterTable {
  const entries = new Uint32Array(65536);
  for (let code = 0; code < 65536; code++)
    entries[code] = literals.columns[code]! | (KIND[code]! << KIND_SHIFT);
  return { entries };
}

/**
 * One pass over `lower`: steps `literals` (its hits are left in its buffers) and measures the
 * shapes. The result is reused by the next call (scans are synchronous, one at a time).
 */
export function scanCharacters(lower: string, literals: LiteralScan, table: CharacterTable): Shapes {
  const { next, firstReporting } = literals;
  const entries = table.entries;
  let hits = 0;
  let row = 0;
  let runStart = 0;
  let hexUntil = 0;
  let flags = 0;
  let letters = 0;
  // Digits: the row being counted (see `NumberShapes.digits`), the run in it, and what was seen.
  let digits = 0;
  let chain = 0;
  let lastDigit = -10;
  let run = 0;
  let digitRuns = 0;
  let dots = 0;
  let dottedDigits = 0;
  const base64Starts = shapes.base64Starts;
  base64Starts.length = 0;
  const length = lower.length;
  for (let i = 0; i < length; i++) {
    const code = lower.charCodeAt(i);
    const entry = entries[code]!;
    row = next[row + (entry & COLUMN)]!;
    if (row >= firstReporting) hits = literals.report(row, i + 1, hits);
    const kind = entry >>> KIND_SHIFT;
    if ((kind | HEX) === LATIN_LETTER) continue;
    // A base64 run ends here: long enough? (A run of 24 hex digits is one too.)
    if ((kind & BASE64) === 0) {
      if (i - runStart >= BASE64_RUN) {
        base64Starts.push(runStart);
        if (i - runStart >= HEX_DIGITS && longestHex(lower, runStart, i) >= HEX_DIGITS) flags |= HEX_RUN;
      }
      runStart = i + 1;
      if (kind === 0) continue;
    }
    // Cyrillic, Greek (a word's worth in a row): a look-alike when it touches a Latin letter.
    if (kind === CYRILLIC_LETTER || kind === GREEK_LETTER) {
      if ((i > 0 && isLatin(lower.charCodeAt(i - 1))) || (i + 1 < length && isLatin(lower.charCodeAt(i + 1))))
        flags |= OBFUSCATED;
      continue;
    }
    if (kind & DIGIT) {
      if (lastDigit === i - 1) {
        run++;
        chain++;
      } else {
        if (run > 0) digitRuns |= digitRun(run);
        run = 1;
        const separator = lastDigit === i - 2 ? lower.charCodeAt(i - 1) : 0;
        if (KIND[separator]! & DIGIT_SEPARATOR) {
          chain++;
          if (separator === DOT && ++dots > dottedDigits) dottedDigits = dots;
        } else {
          chain = 1;
          dots = 0;
          letters |= lettersBefore(lower, i);
        }
        if (code === ZERO && i + 1 < length && KIND[lower.charCodeAt(i + 1)]! & DIGIT) flags |= ZERO_LEAD;
      }
      lastDigit = i;
      if (chain > digits) digits = chain;
      continue;
    }
    if (kind & RARE) flags |= rareShapes(lower, i, code, kind);
    // Hex pairs with single spaces or colons between them: counted where such a separator is.
    if (kind & HEX_SEPARATOR) {
      if (code === COLON) flags |= colonShapes(lower, i, lastDigit === i - 1 ? run : 0);
      if ((flags & HEX_RUN) === 0 && i >= hexUntil && hexPairsAround(lower, i)) {
        const around = hexChain(lower, i);
        if (around.digits >= HEX_DIGITS) flags |= HEX_RUN;
        hexUntil = around.end;
      }
    }
    if (kind & SPELLING_SEPARATOR && spelledOut(lower, i)) flags |= OBFUSCATED;
  }
  if (length - runStart >= BASE64_RUN) {
    base64Starts.push(runStart);
    if (length - runStart >= HEX_DIGITS && longestHex(lower, runStart, length) >= HEX_DIGITS)
      flags |= HEX_RUN;
  }
  if (run > 0) digitRuns |= digitRun(run);
  shapes.hits = hits;
  shapes.digits = digits;
  shapes.digitRuns = digitRuns;
  shapes.dottedDigits = dottedDigits;
  shapes.letters = letters;
  shapes.hexColon = (flags & HEX_COLON) !== 0;
  shapes.phoneStart = (flags & PHONE) !== 0;
  shapes.zeroLead = (flags & ZERO_LEAD) !== 0;
  shapes.hex = (flags & HEX_RUN) !== 0;
  shapes.at = (flags & AT) !== 0;
  shapes.hidden = (flags & HIDDEN) !== 0;
  shapes.obfuscated = (flags & OBFUSCATED) !== 0;
  shapes.folds = (flags & FOLDED) !== 0;
  shapes.colonPort = (flags & COLON_PORT) !== 0;
  return shapes;
}

// What the pass saw, as bits of one number.
const HEX_RUN = 1;
const HEX_COLON = 2;
const PHONE = 4;
const ZERO_LEAD = 8;
const AT = 16;
const HIDDEN = 32;
const OBFUSCATED = 64;
const FOLDED = 128;
const COLON_PORT = 256;

/** What the colon at `at` shows, `digits` the digits right before it (in a row). */
function colonShapes(lower: string, at: number, digits: number): number {
  let flags = isHex(lower, at - 1) && isHex(lower, at + 1) ? HEX_COLON : 0;
  const port = digits >= 2 && digits <= 5 ? digits : lower.charCodeAt(at - 1) === STAR ? 1 : 0;
  if (port > 0 && at - port - 1 >= 0 && lower.charCodeAt(at - port - 1) === COLON) flags |= COLON_PORT;
  return flags;
}
/** Kinds that `rareShapes` looks at. */
const RARE = PHONE_START | FOLDS | GREEK_CYRILLIC | SPECIAL;

/** What a `RARE` character at `at` shows. */
function rareShapes(lower: string, at: number, code: number, kind: number): number {
  let flags = 0;
  if (kind & PHONE_START) flags |= PHONE;
  if (kind & FOLDS) flags |= FOLDED;
  if (kind & GREEK_CYRILLIC) {
    // Greek or Cyrillic touching a Latin letter: a look-alike inside a Latin word.
    if (
      (at > 0 && isLatin(lower.charCodeAt(at - 1))) ||
      (at + 1 < lower.length && isLatin(lower.charCodeAt(at + 1)))
    )
      flags |= OBFUSCATED;
  } else if (kind & SPECIAL) {
    if (code === 0x40) flags |= AT;
    else if (code === 0xdb40) {
      const low = at + 1 < lower.length ? lower.charCodeAt(at + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdc7f) flags |= HIDDEN;
    } else {
      // Invisible, bidi and fullwidth characters: obfuscation, most of them hidden text too.
      flags |= OBFUSCATED;
      if (code !== 0xad && (code < 0x200c || code > 0x200f) && code < 0xff00) flags |= HIDDEN;
    }
  }
  return flags;
}
