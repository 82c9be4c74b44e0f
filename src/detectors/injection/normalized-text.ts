/**
 * Text as the injection phrases see it: lower case, compatibility forms folded (NFKC: fullwidth
 * and styled letters become plain ones), common Cyrillic and Greek look-alikes mapped to Latin,
 * and invisible characters removed, so `ｉｇｎｏｒｅ`, `іgnore` and `ig\u200Bnore` all read
 * "ignore". Keeps, for every character, where it came from, so hits point into the original.
 */
export interface NormalizedText {
  text: string;
  /** Original start of each normalized character; undefined when identical to the original. */
  starts?: number[];
  ends?: number[];
}

/** Zero-width, bidi controls, word joiners, soft hyphen and Unicode tag characters. */
export const INVISIBLE =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/u;

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

export function normalize(original: string): NormalizedText {
  // Plain ASCII (the common case) only needs lower case, with the same offsets.
  if (!/[^\t\n\r\x20-\x7E]/.test(original)) return { text: original.toLowerCase() };
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of original) {
    const next = index + char.length;
    if (!INVISIBLE.test(char)) {
      const lower = char.normalize('NFKC').toLowerCase();
      const folded = [...lower].map((c) => LOOK_ALIKES[c] ?? c).join('');
      for (let i = 0; i < folded.length; i++) {
        starts.push(index);
        ends.push(next);
      }
      text += folded;
    }
    index = next;
  }
  return { text, starts, ends };
}

/** The original range of a normalized range. */
export function originalRange(normalized: NormalizedText, start: number, end: number): [number, number] {
  if (!normalized.starts || !normalized.ends) return [start, end];
  return [normalized.starts[start] ?? 0, normalized.ends[end - 1] ?? normalized.ends.at(-1) ?? 0];
}
