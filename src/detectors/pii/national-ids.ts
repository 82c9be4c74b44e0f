import type { Match } from '../scanned-text.js';
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
}

const SCHEMES: readonly NationalIdScheme[] = [
  {
    kind: 'US social security number',
    pattern: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g,
    digits: 9,
    valid: ssnPlausible,
  },
  {
    kind: 'US social security number',
    pattern: /(?<![\d-])\d{9}(?![\d-])/g,
    digits: 9,
    valid: ssnPlausible,
    context: /\b(?:ssn|social security(?: number| no\.?)?)\W{0,4}$/i,
  },
  {
    kind: 'UK National Insurance number',
    pattern: /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
    digits: 6,
    valid: () => true,
  },
  {
    kind: 'Indian Aadhaar number',
    pattern: /(?<![\d-])[2-9]\d{3}[ -]\d{4}[ -]\d{4}(?![\d-])/g,
    digits: 12,
    valid: (value) => verhoeffValid(value.replace(/\D/g, '')),
  },
  {
    kind: 'Indian Aadhaar number',
    pattern: /(?<!\d)[2-9]\d{11}(?!\d)/g,
    digits: 12,
    valid: verhoeffValid,
    context: /\b(?:aadhaar|aadhar|uidai|uid)(?: (?:number|no\.?))?\W{0,4}$/i,
  },
  {
    kind: 'Spanish DNI/NIE',
    pattern: /\b[XYZ]?\d{7,8}-?[A-Z]\b/g,
    digits: 7,
    valid: spanishIdValid,
  },
  {
    kind: 'Brazilian CPF',
    pattern: /(?<!\d)\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d)/g,
    digits: 11,
    valid: cpfValid,
  },
  {
    kind: 'Dutch BSN',
    pattern: /(?<!\d)\d{9}(?!\d)/g,
    digits: 9,
    valid: bsnValid,
    context: /\b(?:bsn|burgerservicenummer|sofi)\W{0,4}$/i,
  },
  {
    kind: 'Canadian social insurance number',
    pattern: /(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{3}(?!\d)/g,
    digits: 9,
    valid: (value) => luhnValid(value.replace(/\D/g, '')),
    context: /\b(?:sin|social insurance(?: number| no\.?)?)\W{0,4}$/i,
  },
];

/**
 * National identifiers with their checksum (or issuance rules where the scheme has none).
 * `digits`: the most digits in a row the text has (see `NationalIdScheme.digits`).
 */
export function nationalIdMatches(text: string, digits = Infinity): Match[] {
  const found: Match[] = [];
  for (const scheme of SCHEMES) {
    if (digits < scheme.digits) continue;
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
