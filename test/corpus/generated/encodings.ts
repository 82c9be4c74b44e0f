/**
 * The ways attackers and ordinary systems wrap text: base64, hex, URL and HTML-entity encoding,
 * and the obfuscations that keep text readable to a model but not to a naive matcher (zero-width
 * characters, look-alike letters, letter spacing, fullwidth forms).
 */
import type { SeededRandom } from './seeded-random.js';

export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
export const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');
export const urlEncoded = (text: string) => encodeURIComponent(text);
/** Every non-space character as a decimal or hex entity, as a web page might hide it. */
export const htmlEntities = (text: string) =>
  [...text]
    .map((ch, i) =>
      ch === ' ' ? ' ' : i % 2 ? `&#${ch.codePointAt(0)};` : `&#x${ch.codePointAt(0)!.toString(16)};`,
    )
    .join('');

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
export function zeroWidth(text: string, random: SeededRandom): string {
  return [...text]
    .map((ch) => (ch !== ' ' && random.next() < 0.5 ? ch + random.pick(ZERO_WIDTH) : ch))
    .join('');
}

const CONFUSABLES: Record<string, string> = {
  a: 'а',
  e: 'е',
  o: 'о',
  p: 'р',
  c: 'с',
  x: 'х',
  y: 'у',
  i: 'і',
  s: 'ѕ',
  A: 'Α',
  E: 'Ε',
  O: 'Ο',
  I: 'Ι',
};
export function confusables(text: string, random: SeededRandom): string {
  return [...text].map((ch) => (CONFUSABLES[ch] && random.next() < 0.6 ? CONFUSABLES[ch] : ch)).join('');
}

/** "i g n o r e  a l l": letters spaced out, words two spaces apart (Latin scripts only). */
export const spacedOut = (text: string) =>
  text
    .split(' ')
    .map((word) => [...word].join(' '))
    .join('   ');

export const fullwidth = (text: string) =>
  [...text]
    .map((ch) => (ch >= '!' && ch <= '~' ? String.fromCodePoint(ch.codePointAt(0)! + 0xfee0) : ch))
    .join('');

/** Punctuation between letters of key words ("i.g.n.o.r.e"), as seen in jailbreak forums. */
export const dotted = (text: string) =>
  text
    .split(' ')
    .map((word, i) => (i < 2 && word.length > 3 ? [...word].join('.') : word))
    .join(' ');
