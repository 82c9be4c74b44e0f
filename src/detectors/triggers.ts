import { ENCODED_RUN_SOURCE } from './decoding/encoded-regions.js';
import { ESCAPE_SOURCE } from './decoding/unescape.js';
import { factoredAlternation } from './factored-alternation.js';
import { testFrom } from './regex-matches.js';
import { OBFUSCATED, STRONG, WEAK } from './injection/candidate-regions.js';
import { INVISIBLE_RUN } from './injection/hidden-text.js';
import { DIGIT_GROUP } from './pii/detect-pii.js';
import { MAY_HOLD_SECRET } from './secrets/detect-secrets.js';
import { HINTS } from './secrets/secretlint-scan.js';

/**
 * The one prefilter in front of every detector: a single pre-compiled scan for anything any rule
 * needs before it can match. A text (with nothing decoded from it) that has none skips secrets,
 * PII and injection whole, which is what most chat turns are.
 *
 * It is the union of each detector's own prefilter, so it lets through at least what they do:
 * - secrets: a long token, a key or password word, a URL with a user, a PEM header, a .pgpass
 *   port (our rules), and secretlint's hints;
 * - PII: an `@` (e-mail) or a group of five digits (cards, IBANs, ids, phones, IP addresses);
 * - injection: a strong trigger or a weak one (the candidate regions need one of them), signs of
 *   obfuscation, a URL or an `@` (exfiltration), invisible characters or Unicode tag characters.
 *
 * Matched on the lower-cased text with the pattern lower-cased too (the secret prefilters are
 * case-insensitive; the injection triggers are written in lower case): no case-insensitive
 * matching, which is slower. Lower-casing the pattern is safe because it has no upper-case escape
 * (`\S`, `\D`, `\W`, `\B`, `\P`); the unit test keeps that true.
 */
const INJECTION_TRIGGERS = [
  STRONG.source,
  WEAK.source,
  // Its one capture group, named, so the union's numbering cannot break its back-reference.
  OBFUSCATED.source.replace('([ .\\-_*])', '(?<sep>[ .\\-_*])').replaceAll('\\1', '\\k<sep>'),
  'https?:\\/\\/',
  '@',
  `[${INVISIBLE_RUN.source.slice(1, INVISIBLE_RUN.source.indexOf(']'))}]`,
  // Unicode tag characters (U+E0000–U+E007F) as UTF-16: a high surrogate and its low half.
  '\\uDB40[\\uDC00-\\uDC7F]',
];

const lowerCased = (sources: string[]) => factoredAlternation(sources.join('|').toLowerCase(), 'm');

const ANY_TRIGGER = lowerCased([
  MAY_HOLD_SECRET.source,
  HINTS.source,
  '@',
  DIGIT_GROUP.source,
  ...INJECTION_TRIGGERS,
]);
const INJECTION_TRIGGER = lowerCased(INJECTION_TRIGGERS);

export const TRIGGER_SOURCE = ANY_TRIGGER.source;

/**
 * The first scan of every text, on its lower-cased form: any trigger, or anything the decoding
 * stage would decode (an escape, a base64 or hex run; lower-casing only lets more of them
 * through). Most chat turns have none and need no other scan.
 */
const ANY_TRIGGER_OR_ENCODING = new RegExp(
  `${ANY_TRIGGER.source}|(?<encoded>${ESCAPE_SOURCE}|${ENCODED_RUN_SOURCE})`.toLowerCase(),
  'gm',
);

export const FIRST_SCAN_SOURCE = ANY_TRIGGER_OR_ENCODING.source;

/** What the first scan of a text found. */
export interface FirstScan {
  /**
   * Where its first hit starts: no trigger of any detector, and nothing the decoding stage
   * decodes, starts before it, so later scans of the text start there.
   */
  at: number;
  /** Whether any detector could find something (false: only the decoding stage has work). */
  triggered: boolean;
}

/** Undefined: no detector could find anything in the text, and there is nothing to decode. */
export function firstScan(lower: string): FirstScan | undefined {
  ANY_TRIGGER_OR_ENCODING.lastIndex = 0;
  const hit = ANY_TRIGGER_OR_ENCODING.exec(lower);
  ANY_TRIGGER_OR_ENCODING.lastIndex = 0;
  if (hit === null) return undefined;
  // Triggers are tried first at each position: an encoded run won there, so none starts before.
  const triggered = hit.groups?.encoded === undefined || testFrom(ANY_TRIGGER, lower, hit.index);
  return { at: hit.index, triggered };
}

/** Whether any detector could find something in `text` (false: all of them would find nothing). */
export function mayHoldFinding(text: string): boolean {
  return ANY_TRIGGER.test(text.toLowerCase());
}

/**
 * Whether the injection rules could find something in `lower` (a lower-cased text, nothing
 * decoded from it): a trigger word, obfuscation, a URL or address, hidden characters.
 */
export function mayHoldInjection(lower: string, from = 0): boolean {
  return testFrom(INJECTION_TRIGGER, lower, from);
}
