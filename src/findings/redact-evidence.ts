import type { Detection } from '../detectors/scanned-text.js';

/**
 * What a finding shows instead of the value: its kind and length, its first and last two
 * characters (only for values long enough that this gives nothing away), and the words around
 * it with the value and every other secret or piece of PII masked. Stored and posted as is.
 */
export interface RedactedEvidence {
  kind: string;
  length: number;
  /** First and last two characters; empty for values shorter than `MIN_LENGTH_FOR_ENDS`. */
  prefix: string;
  suffix: string;
  /** About six words either side, the value as `[kind]`. */
  context: string;
  /**
   * For injections: the attack text itself (what the analyst must read to judge it), with only
   * the secrets and PII inside it masked; at most `MAX_QUOTE` characters.
   */
  quote?: string;
}

const MAX_QUOTE = 280;

/** The detection's own text with every sensitive range inside it masked. */
function attackText(text: string, detection: Detection, sensitive: readonly Range[]): string {
  const inside = sensitive
    .filter((r) => r.start < detection.end && r.end > detection.start)
    .map((r) => ({
      start: Math.max(0, r.start - detection.start),
      end: Math.min(detection.end, r.end) - detection.start,
    }));
  const masked = blankRanges(text.slice(detection.start, detection.end), inside)
    .replaceAll(' \u0001 ', ' [masked] ')
    .replace(/\s+/g, ' ')
    .trim();
  return masked.length > MAX_QUOTE ? `${masked.slice(0, MAX_QUOTE - 1)}…` : masked;
}

export const MIN_LENGTH_FOR_ENDS = 10;
const WORDS_AROUND = 6;
const MAX_WORD = 30;
const MAX_CONTEXT = 240;

type Range = { start: number; end: number };

/** Masks words that look like secrets or identifiers even when no detector named them. */
function maskWord(word: string): string {
  if (word.length >= 16 && /[A-Za-z]/.test(word) && /\d/.test(word)) return '[…]';
  if (/\d{5,}/.test(word)) return word.replace(/\d{5,}/g, '[number]');
  return word.length > MAX_WORD ? `${word.slice(0, MAX_WORD)}…` : word;
}

/** Replaces every sensitive range with a marker word, later shown as `[masked]`. */
function blankRanges(text: string, ranges: readonly Range[]): string {
  let out = '';
  let at = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    if (range.start < at) {
      at = Math.max(at, range.end);
      continue;
    }
    out += text.slice(at, range.start) + ' \u0001 ';
    at = range.end;
  }
  return out + text.slice(at);
}

function words(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => (word === '\u0001' ? '[masked]' : maskWord(word)));
}

export function redactEvidence(
  text: string,
  detection: Detection,
  sensitive: readonly Range[],
): RedactedEvidence {
  const value = text.slice(detection.start, detection.end);
  const longEnough = value.length >= MIN_LENGTH_FOR_ENDS && detection.detector !== 'policy';
  const others = sensitive.filter((range) => range.end <= detection.start || range.start >= detection.end);
  const windowStart = Math.max(0, detection.start - 400);
  const windowEnd = Math.min(text.length, detection.end + 400);
  const shift = (ranges: Range[]) =>
    ranges.map((r) => ({ start: Math.max(0, r.start - windowStart), end: Math.max(0, r.end - windowStart) }));
  const before = words(
    blankRanges(
      text.slice(windowStart, detection.start),
      shift(others.filter((r) => r.start < detection.start)),
    ),
  );
  const afterRanges = others
    .filter((r) => r.start >= detection.end)
    .map((r) => ({ start: r.start - detection.end, end: r.end - detection.end }));
  const after = words(blankRanges(text.slice(detection.end, windowEnd), afterRanges));
  const context = [
    ...(windowStart > 0 || before.length > WORDS_AROUND ? ['…'] : []),
    ...before.slice(-WORDS_AROUND),
    `[${detection.kind}]`,
    ...after.slice(0, WORDS_AROUND),
    ...(windowEnd < text.length || after.length > WORDS_AROUND ? ['…'] : []),
  ].join(' ');
  return {
    kind: detection.kind,
    length: value.length,
    prefix: longEnough ? value.slice(0, 2) : '',
    suffix: longEnough ? value.slice(-2) : '',
    context: context.length > MAX_CONTEXT ? `${context.slice(0, MAX_CONTEXT - 1)}…` : context,
    ...(detection.detector === 'injection' ? { quote: attackText(text, detection, sensitive) } : {}),
  };
}
