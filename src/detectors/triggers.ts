import type { TextView } from './decoding/text-view.js';
import { ESCAPE_SOURCE } from './decoding/unescape.js';
import { topLevelAlternatives } from './factored-alternation.js';
import { SEND, SENSITIVE } from './injection/exfiltration-instructions.js';
import { STRONG, WEAK } from './injection/candidate-regions.js';
import { literalKeys } from './literal-keys.js';
import { LiteralScan } from './literal-scan.js';
import { SECRET_RULES } from './secrets/secret-rules.js';
import { HINTS } from './secrets/secretlint-scan.js';
import { ID_CONTEXTS } from './pii/national-ids.js';
import { PHONE_WORDS } from './pii/pii-context.js';

/**
 * The one prefilter in front of every detector: a single pass over a text's lower-cased form that
 * finds what each detector, and each expensive rule in it, needs before it can match. A text with
 * none of it skips secrets, PII and injection whole (most chat turns); otherwise each rule runs only
 * when its own trigger is there.
 *
 * - Plain strings (trigger words in every language, each secret rule's prefix, secretlint's hints,
 *   escapes) are found all at once with an Aho–Corasick scan (literal-scan.ts), their strings read
 *   off the rules' own patterns (literal-keys.ts), so the prefilter cannot drift from the rules.
 *   Where a pattern asks for more than its string (`\bai\b`, `^##`), it is tried right there.
 * - Shapes (a group of five digits, a base64 or hex run, invisible or look-alike characters,
 *   letters spelled out) are counted in a second plain loop over the characters.
 *
 * Every flag is true whenever the check it stands in front of could succeed (it may be true when
 * that check then fails): the rules find exactly what they found without it.
 */

/** What one text holds, for each detector's gates. */
export interface Triggers {
  /** Any detector could find something (false: secrets, PII and injection all find nothing). */
  any: boolean;
  /** An escape, or a base64 or hex run: the decoding stage may have work (see `Encodings`). */
  encoded: boolean;
  /** Which encodings (`encoded` says whether any). */
  encodings: Encodings;
  /** One of secretlint's hints. */
  secretlint: boolean;
  /** The secret rules (indexes in SECRET_RULES, in order) one of whose keys is there. */
  secretRules: readonly number[];
  /** An `@` (e-mail addresses, exfiltration). */
  at: boolean;
  /** The most digits in a row, each at most one of ` .()/-` from the next. */
  digits: number;
  /** Bit n (n < 31): a run of exactly n digits, nothing between them; bit 31: a longer run. */
  digitRuns: number;
  /** The most dots between the digits of one row (see `digits`): an IPv4 address has three. */
  dottedDigits: number;
  /** Digits right after two letters (a space between at most): IBANs, UK National Insurance numbers. */
  lettersThenDigits: boolean;
  /** Words that name a phone number (see ./pii/pii-context.ts). */
  phoneWords: boolean;
  /** Bit i: the words the i-th national id scheme with a context needs (see ./pii/national-ids.ts). */
  idContexts: number;
  /** What the injection rules need: a trigger word, obfuscation, a URL or address, hidden characters. */
  injection: boolean;
  /** A strong trigger word (one makes a region worth reading). */
  strong: boolean;
  /** Different weak trigger words: 0, 1, or 2 for two or more. */
  weakWords: number;
  /** Maybe obfuscated (see `looksObfuscated`). */
  obfuscated: boolean;
  /** Zero-width, bidi or Unicode tag characters. */
  hidden: boolean;
  /** An http(s) URL. */
  url: boolean;
  /** Markdown or HTML link markup (`](`, `]:`, `<img`, `<a`). */
  linkMarkup: boolean;
  /** A verb of sending and something sensitive to send (see exfiltration-instructions.ts). */
  sending: boolean;
}

/** What the decoding stage may find in a text (false: it would find none of it). */
export interface Encodings {
  /** A URL, HTML or JSON escape. */
  escape: boolean;
  /** A run of 16 base64 characters. */
  base64: boolean;
  /**
   * Where each such run starts in the lower-cased text, when its length is the original's (a
   * base64 run of the original starts at one of them unless a Kelvin sign lower-cased into a `k`).
   */
  base64Starts?: readonly number[];
  /** 24 hex digits, at most one space or colon apart. */
  hex: boolean;
}

// Groups of strings, each a flag.
const SECRETLINT = 0;
const STRONG_WORD = 1;
const WEAK_WORD = 2;
const URL = 3;
const ESCAPE = 4;
const SEND_WORD = 5;
const SENSITIVE_WORD = 6;
const LINK_MARKUP = 7;
const PHONE_WORD = 8;
const FIRST_RULE = 9;
const FIRST_ID_CONTEXT = FIRST_RULE + SECRET_RULES.length;
const GROUPS = FIRST_ID_CONTEXT + ID_CONTEXTS.length;
/**
 * Groups read off case-insensitive Unicode patterns: those also match characters that lower-case
 * to something else but fold to a string's character (`ſ` matches `s`). A text with such a
 * character has them all (see `FOLDS_AWAY`).
 */
const FOLDING: number[] = [];

interface Entry {
  group: number;
  /** Tried where the string starts (`offset` before it) when finding the string is not enough. */
  verify: RegExp | undefined;
  offset: number;
}

const strings: string[] = [];
const entries: Entry[][] = [];

function add(group: number, keys: readonly string[], entry: Omit<Entry, 'group'>): void {
  for (const key of keys) {
    let index = strings.indexOf(key);
    if (index < 0) {
      index = strings.push(key) - 1;
      entries.push([]);
    }
    entries[index]!.push({ group, ...entry });
  }
}

/**
 * Every alternative of a lower-case pattern, by its keys. `verify`: try the alternative where a key
 * is found (unless the key is the whole alternative); otherwise a key found is enough.
 */
function addPattern(group: number, source: string, flags: string, verify: boolean): void {
  const unicode = /[uv]/.test(flags);
  const anyCase = flags.includes('i');
  if (unicode && anyCase) FOLDING.push(group);
  for (const alternative of topLevelAlternatives(source)) {
    const read = literalKeys(alternative, unicode);
    if (!read) throw new Error(`triggers: no plain string starts /${alternative}/`);
    const sticky = verify && !read.exact ? new RegExp(alternative, `${flags}y`) : undefined;
    const keys = anyCase ? read.keys.map((key) => key.toLowerCase()) : read.keys;
    add(group, keys, { verify: sticky, offset: read.offset });
  }
}

// Lower-cased patterns run on lower-cased text: case-insensitive patterns lose nothing (they have no
// upper-case escape such as `\S`, `\D`, `\W`, `\B`, `\P` that lower-casing would change; the unit
// test keeps that true), and case-sensitive ones only let more through.
export const LOWER_CASED_SOURCES = [HINTS.source, ESCAPE_SOURCE].map((source) => source.toLowerCase());
addPattern(SECRETLINT, LOWER_CASED_SOURCES[0]!, '', true);
addPattern(STRONG_WORD, STRONG.source, 'm', true);
addPattern(WEAK_WORD, WEAK.source, 'm', true);
addPattern(URL, 'https?:\\/\\/', '', true);
addPattern(ESCAPE, LOWER_CASED_SOURCES[1]!, '', true);
addPattern(SEND_WORD, SEND.source, SEND.flags, false);
addPattern(SENSITIVE_WORD, SENSITIVE.source, SENSITIVE.flags, false);
addPattern(LINK_MARKUP, '\\]\\(|\\]:|<(?:img|a)\\b', '', false);
addPattern(PHONE_WORD, PHONE_WORDS.source, PHONE_WORDS.flags, false);
ID_CONTEXTS.forEach((context, index) =>
  addPattern(FIRST_ID_CONTEXT + index, context.source, context.flags, false),
);
SECRET_RULES.forEach((rule, index) => {
  const keys = rule.keys ?? literalKeys(rule.pattern.source, rule.pattern.unicode)?.keys;
  if (!keys) throw new Error(`triggers: secret rule ${rule.rule} needs keys`);
  if (rule.pattern.unicode && rule.pattern.ignoreCase) FOLDING.push(FIRST_RULE + index);
  add(
    FIRST_RULE + index,
    keys.map((key) => key.toLowerCase()),
    { verify: undefined, offset: 0 },
  );
});

const LITERALS = new LiteralScan(strings);
/** Which groups the current scan found (one scan at a time: scans are synchronous). */
const FOUND = new Uint8Array(GROUPS);
const NO_RULES: readonly number[] = [];

// Character kinds for the shapes, by code unit of the lower-cased text.
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
const LOWER = range(0x61, 0x7a);
mark('0123456789', DIGIT | BASE64 | HEX);
mark(' .()/-', DIGIT_SEPARATOR);
mark(`${LOWER}+/_-`, BASE64);
mark('abcdef', HEX);
mark(' :', HEX_SEPARATOR);
mark(' .-_*', SPELLING_SEPARATOR);
/** Lower-cased, as they appear in the scanned text (the originals are any case). */
const lowerCased = (chars: string) =>
  [...chars]
    .map((ch) => ch.toLowerCase())
    .filter((ch) => ch.length === 1)
    .join('');
mark(lowerCased(`${LOWER}${range(0xc0, 0x24f)}${range(0x400, 0x4ff)}`), LETTER);
mark(lowerCased(range(0x370, 0x4ff)), GREEK_CYRILLIC);
mark(`@\u00AD\u180E${range(0x200b, 0x200f)}${range(0x202a, 0x202e)}`, SPECIAL);
mark(`${range(0x2060, 0x2064)}${range(0x2066, 0x2069)}\uFEFF${range(0xff41, 0xff5a)}\uDB40`, SPECIAL);
mark(FOLDS_AWAY, FOLDS);
/** The common kinds, with steps of their own: Latin letters g–z and a–f, other letters (é, ü…). */
const PLAIN_LETTER = BASE64 | LETTER;
const HEX_LETTER = BASE64 | HEX | LETTER;
const OTHER_LETTER = LETTER;
const SPACE = 0x20;
const isLatin = (code: number) => code >= 0x61 && code <= 0x7a;

/** Letters spelled out around the separator at `at`: a letter, then three more each after the same separator. */
function spelledOut(lower: string, at: number): boolean {
  const separator = lower.charCodeAt(at);
  return (
    at > 0 &&
    at + 5 < lower.length &&
    (KIND[lower.charCodeAt(at - 1)]! & LETTER) !== 0 &&
    (KIND[lower.charCodeAt(at + 1)]! & LETTER) !== 0 &&
    lower.charCodeAt(at + 2) === separator &&
    (KIND[lower.charCodeAt(at + 3)]! & LETTER) !== 0 &&
    lower.charCodeAt(at + 4) === separator &&
    (KIND[lower.charCodeAt(at + 5)]! & LETTER) !== 0
  );
}

/** What the pass over the characters found besides the strings (one pass at a time: it is synchronous). */
const shapes = {
  hits: 0,
  digits: 0,
  digitRuns: 0,
  dottedDigits: 0,
  lettersThenDigits: false,
  base64: false,
  hex: false,
  at: false,
  hidden: false,
  obfuscated: false,
  folds: false,
};

/** Where the scan saw base64 runs start (one scan at a time). */
const base64Starts: number[] = [];
const DOT = 0x2e;
/** The bit of a run of `length` digits in `Triggers.digitRuns`. */
export const digitRun = (length: number) => (length < 31 ? 1 << length : 1 << 31);

/** Two Latin letters right before `at`, a space between at most. */
function lettersBefore(lower: string, at: number): boolean {
  const last = lower.charCodeAt(at - 1) === SPACE ? at - 2 : at - 1;
  return last >= 1 && isLatin(lower.charCodeAt(last)) && isLatin(lower.charCodeAt(last - 1));
}

/**
 * One pass over the characters: the strings (stepping the Aho–Corasick automaton) and the shapes
 * (digit groups, encoded runs, hidden and obfuscating characters). Most characters of most texts
 * are plain letters or characters no string has, and cost a table look-up or two.
 */
function scanCharacters(lower: string): void {
  const { columns, next, firstReporting } = LITERALS;
  let hits = 0;
  let row = 0;
  let digits = 0;
  let chain = 0;
  let lastDigit = -10;
  let run = 0;
  let digitRuns = 0;
  let dots = 0;
  let dottedDigits = 0;
  let lettersThenDigits = false;
  let folds = false;
  let base64 = 0;
  let hex = 0;
  let afterHexSeparator = false;
  base64Starts.length = 0;
  let hexRun = false;
  let at = false;
  let hidden = false;
  let obfuscated = false;
  const length = lower.length;
  for (let i = 0; i < length; i++) {
    const code = lower.charCodeAt(i);
    const column = columns[code]!;
    const kind = KIND[code]!;
    if (column === 0) {
      row = 0;
      if (kind === 0) {
        base64 = 0;
        hex = 0;
        afterHexSeparator = false;
        continue;
      }
    } else {
      row = next[row + column]!;
      if (row >= firstReporting) hits = LITERALS.report(row, i + 1, hits);
    }
    // The common letters first: what the general steps below would do with them.
    if (kind === PLAIN_LETTER || kind === HEX_LETTER) {
      if (++base64 === 16) base64Starts.push(i - 15);
      afterHexSeparator = false;
      if (kind === PLAIN_LETTER) hex = 0;
      else if (++hex >= 24) hexRun = true;
      continue;
    }
    if (code === SPACE) {
      base64 = 0;
      if (afterHexSeparator) hex = 0;
      afterHexSeparator = !afterHexSeparator;
      if (spelledOut(lower, i)) obfuscated = true;
      continue;
    }
    if (kind === OTHER_LETTER || kind & GREEK_CYRILLIC) {
      base64 = 0;
      hex = 0;
      afterHexSeparator = false;
      if (kind & FOLDS) folds = true;
      // Greek or Cyrillic touching a Latin letter: a look-alike inside a Latin word.
      if (
        kind & GREEK_CYRILLIC &&
        ((i > 0 && isLatin(lower.charCodeAt(i - 1))) || (i + 1 < length && isLatin(lower.charCodeAt(i + 1))))
      )
        obfuscated = true;
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
          if (lettersBefore(lower, i)) lettersThenDigits = true;
        }
      }
      lastDigit = i;
      if (chain > digits) digits = chain;
    }
    if (kind & FOLDS) folds = true;
    // A base64 run of 16, or 24 hex digits at most one separator apart (pairs of 12 or more).
    if (kind & BASE64) {
      if (++base64 === 16) base64Starts.push(i - 15);
    } else base64 = 0;
    if (kind & HEX) {
      afterHexSeparator = false;
      if (++hex >= 24) hexRun = true;
    } else if (kind & HEX_SEPARATOR && !afterHexSeparator) afterHexSeparator = true;
    else {
      hex = 0;
      afterHexSeparator = false;
    }
    if (kind & SPELLING_SEPARATOR && spelledOut(lower, i)) obfuscated = true;
    if (kind & SPECIAL) {
      if (code === 0x40) at = true;
      else if (code === 0xdb40) {
        const low = i + 1 < length ? lower.charCodeAt(i + 1) : 0;
        if (low >= 0xdc00 && low <= 0xdc7f) hidden = true;
      } else {
        // Invisible, bidi and fullwidth characters: obfuscation, most of them hidden text too.
        obfuscated = true;
        if (code !== 0xad && (code < 0x200c || code > 0x200f) && code < 0xff00) hidden = true;
      }
    }
  }
  if (run > 0) digitRuns |= digitRun(run);
  shapes.hits = hits;
  shapes.digits = digits;
  shapes.digitRuns = digitRuns;
  shapes.dottedDigits = dottedDigits;
  shapes.lettersThenDigits = lettersThenDigits;
  shapes.folds = folds;
  shapes.base64 = base64Starts.length > 0;
  shapes.hex = hexRun;
  shapes.at = at;
  shapes.hidden = hidden;
  shapes.obfuscated = obfuscated;
}

/**
 * What `lower` (a lower-cased text) holds for the detectors' gates. `originalLength`: the length
 * of the text before lower-casing; when it differs (a dotted capital I becomes two characters),
 * obfuscation is left for the exact check to decide.
 */
export function triggerScan(lower: string, originalLength = lower.length): Triggers {
  const found = FOUND.fill(0);
  let secretRules: number[] | undefined;
  let weakWord: string | undefined;
  let weakWords = 0;
  scanCharacters(lower);
  const hits = shapes.hits;
  const { hitKeys, hitEnds } = LITERALS;
  for (let h = 0; h < hits; h++) {
    const key = hitKeys[h]!;
    for (const { group, verify, offset } of entries[key]!) {
      if (found[group] && (group !== WEAK_WORD || weakWords > 1)) continue;
      let text = strings[key]!;
      if (verify) {
        const start = hitEnds[h]! - text.length - offset;
        if (start < 0) continue;
        verify.lastIndex = start;
        const match = verify.exec(lower);
        verify.lastIndex = 0;
        if (match === null) continue;
        text = match[0];
      }
      if (!found[group] && group >= FIRST_RULE && group < FIRST_ID_CONTEXT)
        (secretRules ??= []).push(group - FIRST_RULE);
      found[group] = 1;
      if (group !== WEAK_WORD) continue;
      if (weakWord === undefined) {
        weakWord = text;
        weakWords = 1;
      } else if (text !== weakWord) weakWords = 2;
    }
  }
  if (shapes.folds) {
    for (const group of FOLDING) {
      if (!found[group] && group >= FIRST_RULE && group < FIRST_ID_CONTEXT)
        (secretRules ??= []).push(group - FIRST_RULE);
      found[group] = 1;
    }
  }
  let idContexts = 0;
  for (let i = 0; i < ID_CONTEXTS.length; i++) if (found[FIRST_ID_CONTEXT + i]) idContexts |= 1 << i;
  const obfuscated = shapes.obfuscated || lower.length !== originalLength;
  const url = found[URL] === 1;
  const injection =
    found[STRONG_WORD] === 1 || weakWords > 0 || obfuscated || url || shapes.at || shapes.hidden;
  return {
    any: injection || found[SECRETLINT] === 1 || shapes.digits >= 5 || secretRules !== undefined,
    encoded: shapes.base64 || shapes.hex || found[ESCAPE] === 1,
    encodings: {
      escape: found[ESCAPE] === 1,
      base64: shapes.base64,
      base64Starts: shapes.base64 && lower.length === originalLength ? [...base64Starts] : undefined,
      hex: shapes.hex,
    },
    secretlint: found[SECRETLINT] === 1,
    secretRules: secretRules?.sort((a, b) => a - b) ?? NO_RULES,
    at: shapes.at,
    digits: shapes.digits,
    digitRuns: shapes.digitRuns,
    dottedDigits: shapes.dottedDigits,
    lettersThenDigits: shapes.lettersThenDigits,
    phoneWords: found[PHONE_WORD] === 1,
    idContexts,
    injection,
    strong: found[STRONG_WORD] === 1,
    weakWords,
    obfuscated,
    hidden: shapes.hidden,
    url,
    linkMarkup: found[LINK_MARKUP] === 1,
    sending: found[SEND_WORD] === 1 && found[SENSITIVE_WORD] === 1,
  };
}

/** The trigger scan of each view of a text (for callers that have not made them). */
export function triggersOf(views: readonly TextView[]): Triggers[] {
  return views.map((view) => triggerScan(view.text.toLowerCase(), view.text.length));
}

/** Whether any detector could find something in `text` (false: all of them would find nothing). */
export function mayHoldFinding(text: string): boolean {
  const lower = text.toLowerCase();
  return triggerScan(lower, text.length).any;
}

/**
 * Whether the injection rules could find something in `lower` (a lower-cased text, nothing
 * decoded from it): a trigger word, obfuscation, a URL or address, hidden characters.
 */
export function mayHoldInjection(lower: string): boolean {
  return triggerScan(lower).injection;
}
