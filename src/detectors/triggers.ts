import type { TextView } from './decoding/text-view.js';
import { ESCAPE_SOURCE } from './decoding/unescape.js';
import { topLevelAlternatives } from './factored-alternation.js';
import { SEND, SENSITIVE } from './injection/exfiltration-instructions.js';
import { STRONG, WEAK } from './injection/candidate-regions.js';
import { literalKeys } from './literal-keys.js';
import { LiteralScan } from './literal-scan.js';
import { SECRET_RULES } from './secrets/secret-rules.js';
import { characterTable, scanCharacters, type NumberShapes } from './text-shapes.js';
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
 *   letters spelled out) are counted in the same loop over the characters (text-shapes.ts).
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
  /** How the digits are written, when there are five in a row (see `digits`); else none of it. */
  numbers: NumberShapes;
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
 * Keys cut to their first `KEY_LENGTH` characters: `(?:to|for) (?:the |any |all )?(?:ai|…)`
 * spells out 192 keys, each a chain of states in the automaton; their starts are as good a
 * trigger (the pattern is tried where one is), and keep the automaton small enough for the
 * processor's caches.
 */
const KEY_LENGTH = 8;
const shortened = (keys: readonly string[]) => keys.map((key) => key.slice(0, KEY_LENGTH));

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
    const keys = shortened(anyCase ? read.keys.map((key) => key.toLowerCase()) : read.keys);
    const exact = read.exact && keys.every((key, i) => key === read.keys[i]);
    const sticky = verify && !exact ? new RegExp(alternative, `${flags}y`) : undefined;
    add(group, [...new Set(keys)], { verify: sticky, offset: read.offset });
  }
}

// Lower-cased patterns run on lower-cased text: case-insensitive patterns lose nothing (they have no
// upper-case escape such as `\S`, `\D`, `\W`, `\B`, `\P` that lower-casing would change; the unit
// test keeps that true), and case-sensitive ones only let more through.
const LOWER_CASED_SOURCES = [HINTS.source, ESCAPE_SOURCE].map((source) => source.toLowerCase());
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
/** Secret rules gated by a shape instead of keys (indexes in SECRET_RULES). */
const SHAPED_RULES = SECRET_RULES.flatMap((rule, index) =>
  rule.shape ? [{ index, shape: rule.shape }] : [],
);
SECRET_RULES.forEach((rule, index) => {
  if (rule.shape) return;
  const keys = rule.keys ?? literalKeys(rule.pattern.source, rule.pattern.unicode)?.keys;
  if (!keys) throw new Error(`triggers: secret rule ${rule.rule} needs keys`);
  if (rule.pattern.unicode && rule.pattern.ignoreCase) FOLDING.push(FIRST_RULE + index);
  add(FIRST_RULE + index, [...new Set(shortened(keys.map((key) => key.toLowerCase())))], {
    verify: undefined,
    offset: 0,
  });
});

const LITERALS = new LiteralScan(strings);
const CHARACTERS = characterTable(LITERALS);
/** Which groups the current scan found (one scan at a time: scans are synchronous). */
const FOUND = new Uint8Array(GROUPS);
const NO_RULES: readonly number[] = [];

/** Five digits in a row (see `Triggers.digits`): what every PII rule but e-mail needs. */
export const DIGIT_GROUP = 5;
const NO_ENCODINGS: Encodings = { escape: false, base64: false, hex: false };
const NO_NUMBERS: NumberShapes = {
  digits: 0,
  digitRuns: 0,
  dottedDigits: 0,
  letters: 0,
  hexColon: false,
  phoneStart: false,
  zeroLead: false,
};

function numbersOf(shapes: NumberShapes): NumberShapes {
  const { digits, digitRuns, dottedDigits, letters, hexColon, phoneStart, zeroLead } = shapes;
  return { digits, digitRuns, dottedDigits, letters, hexColon, phoneStart, zeroLead };
}

/** `rules` with `rule` added in order (a list of one or two, as a rule is: no sort for it). */
function withRule(rules: number[] | undefined, rule: number): number[] {
  if (!rules) return [rule];
  let at = rules.length;
  rules.push(rule);
  for (; at > 0 && rules[at - 1]! > rule; at--) rules[at] = rules[at - 1]!;
  rules[at] = rule;
  return rules;
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
  const shapes = scanCharacters(lower, LITERALS, CHARACTERS);
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
        // Only weak words need what matched (a test makes no match object).
        const match = group === WEAK_WORD ? verify.exec(lower) : verify.test(lower);
        verify.lastIndex = 0;
        if (!match) continue;
        if (match !== true) text = match[0];
      }
      if (!found[group] && group >= FIRST_RULE && group < FIRST_ID_CONTEXT)
        secretRules = withRule(secretRules, group - FIRST_RULE);
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
        secretRules = withRule(secretRules, group - FIRST_RULE);
      found[group] = 1;
    }
  }
  for (const { index, shape } of SHAPED_RULES) if (shapes[shape]) secretRules = withRule(secretRules, index);
  let idContexts = 0;
  for (let i = 0; i < ID_CONTEXTS.length; i++) if (found[FIRST_ID_CONTEXT + i]) idContexts |= 1 << i;
  const obfuscated = shapes.obfuscated || lower.length !== originalLength;
  const base64 = shapes.base64Starts.length > 0;
  const encoded = base64 || shapes.hex || found[ESCAPE] === 1;
  const url = found[URL] === 1;
  const injection =
    found[STRONG_WORD] === 1 || weakWords > 0 || obfuscated || url || shapes.at || shapes.hidden;
  return {
    any: injection || found[SECRETLINT] === 1 || shapes.digits >= DIGIT_GROUP || secretRules !== undefined,
    encoded,
    encodings: encoded
      ? {
          escape: found[ESCAPE] === 1,
          base64,
          base64Starts: base64 && lower.length === originalLength ? [...shapes.base64Starts] : undefined,
          hex: shapes.hex,
        }
      : NO_ENCODINGS,
    secretlint: found[SECRETLINT] === 1,
    secretRules: secretRules ?? NO_RULES,
    at: shapes.at,
    digits: shapes.digits,
    numbers: shapes.digits >= DIGIT_GROUP ? numbersOf(shapes) : NO_NUMBERS,
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
