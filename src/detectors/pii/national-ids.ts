import type { Match } from '../scanned-text.js';
import { digitRun, LETTERS_SPACE_DIGITS, LETTERS_THEN_DIGITS, type NumberShapes } from '../text-shapes.js';
import { bsnValid, cpfValid, luhnValid, spanishIdValid, ssnPlausible, verhoeffValid } from './checksums.js';
import { matchesOf } from '../regex-matches.js';

interface NationalIdScheme {
  kind: string;
  pattern: RegExp;
  valid: (value: string) => boolean;
  /** Words that must appear just before the number (for schemes whose shape is too common). */
  context?: RegExp;
  /**
   * The digits every match holds, each at most one of ` .()/-` from the next (the trigger scan
   * counts the most a text has, see ../triggers.ts): a text with fewer skips the scheme.
   */
  digits: number;
  /**
   * The runs of digits (nothing between them) every match has: for each list, a run of exactly
   * one of its lengths. A text without them (see `NumberShapes.digitRuns`) skips the scheme.
   */
  runs?: readonly (readonly number[])[];
  /** Every match starts with two letters right before its digits (a space between at most). */
  letters?: true;
}

const SCHEMES: readonly NationalIdScheme[] = [
  {
    kind: 'US social security number',
    pattern: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g,
    digits: 9,
    runs: [[3], [2], [4]],
    valid: ssnPlausible,
  },
  {
    kind: 'US social security number',
    pattern: /(?<![\d-])\d{9}(?![\d-])/g,
    digits: 9,
    runs: [[9]],
    valid: ssnPlausible,
    context: /\b(?:ssn|social security(?: number| no\.?)?)\W{0,4}$/i,
  },
  {
    kind: 'UK National Insurance number',
    pattern: /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
    digits: 6,
    runs: [[2, 4, 6]],
    letters: true,
    valid: () => true,
  },
  {
    kind: 'Indian Aadhaar number',
    // Not the last twelve digits of a longer grouped number (a 16-digit card in groups of four).
    pattern: /(?<![\d-]|\d[ -])[2-9]\d{3}[ -]\d{4}[ -]\d{4}(?![\d-]|[ -]\d)/g,
    digits: 12,
    runs: [[4]],
    valid: (value) => verhoeffValid(value.replace(/\D/g, '')),
  },
  {
    kind: 'Indian Aadhaar number',
    pattern: /(?<!\d)[2-9]\d{11}(?!\d)/g,
    digits: 12,
    runs: [[12]],
    valid: verhoeffValid,
    context: /\b(?:aadhaar|aadhar|uidai|uid)(?: (?:number|no\.?))?\W{0,4}$/i,
  },
  {
    kind: 'Spanish DNI/NIE',
    pattern: /\b[XYZ]?\d{7,8}-?[A-Z]\b/g,
    digits: 7,
    runs: [[7, 8]],
    valid: spanishIdValid,
  },
  {
    kind: 'Brazilian CPF',
    pattern: /(?<!\d)\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d)/g,
    digits: 11,
    runs: [[3], [2]],
    valid: cpfValid,
  },
  {
    kind: 'Dutch BSN',
    pattern: /(?<!\d)\d{9}(?!\d)/g,
    digits: 9,
    runs: [[9]],
    valid: bsnValid,
    context: /\b(?:bsn|burgerservicenummer|sofi)\W{0,4}$/i,
  },
  {
    kind: 'Canadian social insurance number',
    pattern: /(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{3}(?!\d)/g,
    digits: 9,
    runs: [[3, 6, 9]],
    valid: (value) => luhnValid(value.replace(/\D/g, '')),
    context: /\b(?:sin|social insurance(?: number| no\.?)?)\W{0,4}$/i,
  },
];

/** The words of the schemes that need them, in scheme order (the trigger scan looks for them). */
export const ID_CONTEXTS: readonly RegExp[] = SCHEMES.flatMap((scheme) =>
  scheme.context ? [scheme.context] : [],
);

const RUN_BITS = new Map<NationalIdScheme, number[]>();

/** A scheme's `runs` as bits of `NumberShapes.digitRuns`, one number per list. */
function runBits(scheme: NationalIdScheme): number[] {
  let bits = RUN_BITS.get(scheme);
  if (!bits) {
    bits = (scheme.runs ?? []).map((lengths) => lengths.reduce((all, length) => all | digitRun(length), 0));
    RUN_BITS.set(scheme, bits);
  }
  return bits;
}

/** Whether the trigger scan found what every match of the scheme needs (the `context`-th context). */
function mayMatch(
  scheme: NationalIdScheme,
  context: number,
  numbers: NumberShapes,
  contexts: number,
): boolean {
  return (
    numbers.digits >= scheme.digits &&
    runBits(scheme).every((bits) => (numbers.digitRuns & bits) !== 0) &&
    (!scheme.letters || (numbers.letters & (LETTERS_THEN_DIGITS | LETTERS_SPACE_DIGITS)) !== 0) &&
    (!scheme.context || (contexts & (1 << context)) !== 0)
  );
}

/**
 * National identifiers with their checksum (or issuance rules where the scheme has none).
 * `triggers`: what the trigger scan found in the text, when the caller has it: schemes that
 * cannot match are skipped.
 */
export function nationalIdMatches(
  text: string,
  triggers?: { numbers: NumberShapes; idContexts: number },
): Match[] {
  const found: Match[] = [];
  let context = -1;
  for (const scheme of SCHEMES) {
    if (scheme.context) context++;
    if (triggers && !mayMatch(scheme, context, triggers.numbers, triggers.idContexts)) continue;
    for (const candidate of matchesOf(scheme.pattern, text)) {
      const value = candidate[0];
      if (!scheme.valid(value)) continue;
      if (scheme.context) {
        const before = text.slice(Math.max(0, candidate.index - 30), candidate.index);
        if (!scheme.context.test(before)) continue;
      }
      found.push({
        rule: 'national-id',
        kind: scheme.kind,
        severity: 'high',
        start: candidate.index,
        end: candidate.index + value.length,
        identity: value.replace(/[\s.-]/g, '').toUpperCase(),
      });
    }
  }
  return found;
}
