/**
 * The injection classifier's input features: a text turned into a fixed-length vector by feature
 * hashing, so a model needs no tokenizer or vocabulary file, works for any script, and can be
 * trained by anyone from labelled texts (see scripts/train-injection-classifier.ts).
 *
 * Contract (feature version 1) — a compatible model reads exactly this:
 * 1. The text is normalised: Unicode NFKC, lower-cased, format characters (category Cf:
 *    zero-width spaces, joiners, bidi marks, tag characters) removed, every run of white space
 *    made one space, trimmed.
 * 2. Features, each hashed with 32-bit FNV-1a over the UTF-16 code units of the normalised text,
 *    starting from the feature kind's offset basis below:
 *    - character 3-grams and 4-grams of ` text ` (a space added at both ends);
 *    - words (maximal runs of letters, marks and digits) and pairs of consecutive words
 *      (the word pair's hash is FNV-1a of the second word continued from the first word's hash,
 *      after a space).
 * 3. A feature with hash `h` adds ±1 to slot `h & (dimension - 1)`: +1 when bit 31 of `h` is 0,
 *    −1 when it is 1 (signed hashing, so collisions cancel out on average).
 * 4. The vector is scaled to unit length (L2); the empty text is all zeros.
 * `dimension` is a power of two, the model's second input dimension.
 */

/** FNV-1a offset bases, one per kind of feature, so a word and a 4-gram with the same letters differ. */
const CHAR_GRAMS_BASIS = 0x811c9dc5;
const WORDS_BASIS = 0x050c5d1f;
const FNV_PRIME = 0x01000193;

export const FEATURE_VERSION = 1;

const FORMAT_CHARACTERS = /\p{Cf}+/gu;
const WHITE_SPACE = /\s+/gu;
/** Per UTF-16 code unit: 1 for a letter, mark or digit (a lone surrogate is none). */
const WORD_UNITS = (() => {
  const table = new Uint8Array(0x10000);
  const word = /[\p{L}\p{M}\p{N}]/u;
  for (let unit = 0; unit < table.length; unit++) table[unit] = word.test(String.fromCharCode(unit)) ? 1 : 0;
  return table;
})();

/** Normalises one text (step 1 of the contract). */
export function normalisedForFeatures(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(FORMAT_CHARACTERS, '').replace(WHITE_SPACE, ' ').trim();
}

/**
 * The slots one text has touched, so scaling and clearing cost what the text has, not the
 * dimension (thousands of short chat turns go through here).
 */
let touched = new Int32Array(1024);
let count = 0;
let marks = new Uint8Array(0);

function add(vector: Float32Array, hash: number): void {
  const slot = hash & (vector.length - 1);
  vector[slot]! += hash & 0x80000000 ? -1 : 1;
  if (marks[slot] === 1) return;
  marks[slot] = 1;
  if (count === touched.length) {
    const grown = new Int32Array(touched.length * 2);
    grown.set(touched);
    touched = grown;
  }
  touched[count++] = slot;
}

function addCharGrams(vector: Float32Array, text: string): void {
  const padded = ` ${text} `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    let h = CHAR_GRAMS_BASIS;
    for (let k = 0; k < 4 && i + k < padded.length; k++) {
      h = Math.imul(h ^ padded.charCodeAt(i + k), FNV_PRIME) >>> 0;
      if (k >= 2) add(vector, h);
    }
  }
}

function addWords(vector: Float32Array, text: string): void {
  let previous: number | undefined;
  let h = WORDS_BASIS;
  let wordStart = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && WORD_UNITS[text.charCodeAt(i)] === 1) {
      if (wordStart < 0) wordStart = i;
      h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME) >>> 0;
      continue;
    }
    if (wordStart < 0) continue;
    add(vector, h);
    if (previous !== undefined) {
      // The pair: the second word hashed again, continued from the first word's hash and a space.
      let pair = Math.imul(previous ^ 0x20, FNV_PRIME) >>> 0;
      for (let k = wordStart; k < i; k++) pair = Math.imul(pair ^ text.charCodeAt(k), FNV_PRIME) >>> 0;
      add(vector, pair);
    }
    previous = h;
    h = WORDS_BASIS;
    wordStart = -1;
  }
}

/** The feature vector of one text (steps 1–4 of the contract). */
export function classifierFeatures(text: string, dimension: number): Float32Array {
  const vector = new Float32Array(dimension);
  writeClassifierFeatures(text, vector);
  return vector;
}

/** Writes the feature vector of `text` into `vector`, which must be all zeros (a fresh row of a batch). */
export function writeClassifierFeatures(text: string, vector: Float32Array): void {
  const normalised = normalisedForFeatures(text);
  if (normalised === '') return;
  if (marks.length < vector.length) marks = new Uint8Array(vector.length);
  count = 0;
  addCharGrams(vector, normalised);
  addWords(vector, normalised);
  let squares = 0;
  for (let i = 0; i < count; i++) squares += vector[touched[i]!]! ** 2;
  const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
  for (let i = 0; i < count; i++) {
    const slot = touched[i]!;
    vector[slot]! *= scale;
    marks[slot] = 0;
  }
}

export function isFeatureDimension(dimension: number): boolean {
  return (
    Number.isInteger(dimension) &&
    dimension >= 16 &&
    dimension <= 1 << 22 &&
    (dimension & (dimension - 1)) === 0
  );
}
