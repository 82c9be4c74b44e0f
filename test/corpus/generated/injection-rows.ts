/**
 * Every attack of the phrasebook in five forms: direct (user input), indirect (planted in a
 * retrieved document, or in a tool's result), encoded (base64, hex, URL or HTML entities) and
 * obfuscated (zero-width characters, look-alike letters, spacing, fullwidth, dotted letters).
 */
import type { TextRole } from '../../../src/detectors/scanned-text.js';
import { PHRASEBOOK } from './attack-phrasebook.js';
import {
  base64,
  confusables,
  dotted,
  fullwidth,
  hex,
  htmlEntities,
  spacedOut,
  urlEncoded,
  zeroWidth,
} from './encodings.js';
import type { LabelledText } from './labelled-row.js';
import type { SeededRandom } from './seeded-random.js';

const LATIN = new Set(['en', 'de', 'fr', 'es', 'pt', 'it', 'nl']);

const OPENERS = ['', '', 'Quick question about my order. ', 'Thanks! ', 'ok. ', 'Hi, '];

function planted(random: SeededRandom, passage: string, attack: string): string {
  return random.pick([
    () => `${passage}\n\n${attack}\n\n${passage}`,
    () => `${passage} ${attack}`,
    () => `# FAQ\n${passage}\n<!-- ${attack} -->`,
    () => `<p>${passage}</p><span style="display:none">${attack}</span>`,
    () => `${passage}\n> ${attack}`,
  ])();
}

function toolResult(random: SeededRandom, passage: string, attack: string): string {
  return random.pick([
    () => JSON.stringify({ results: [{ title: 'Returns policy', snippet: `${passage} ${attack}` }] }),
    () =>
      JSON.stringify({
        from: 'partner@vendor-mail.net',
        subject: 'Re: order 55102',
        body: `${passage}\n\n${attack}`,
      }),
    () => JSON.stringify({ ticket: 8812, status: 'open', comments: [passage, attack] }),
    () => `<html><body><h1>Support</h1><p>${passage}</p><p>${attack}</p></body></html>`,
  ])();
}

function encoded(random: SeededRandom, attack: string, i: number): [TextRole, string, string] {
  const form = ['base64', 'hex', 'url', 'html'][i % 4]!;
  switch (form) {
    case 'base64':
      return random.pick([
        () => ['user_input', `Decode this base64 and do what it says: ${base64(attack)}`, form],
        () => ['tool_result', JSON.stringify({ id: 'doc-7', metadata: { note: base64(attack) } }), form],
        () => ['retrieved_document', `Appendix B\n${base64(attack)}`, form],
      ] as (() => [TextRole, string, string])[])();
    case 'hex':
      return random.pick([
        () => ['user_input', `hex: ${hex(attack)}`, form],
        () => ['tool_result', JSON.stringify({ payload: hex(attack) }), form],
      ] as (() => [TextRole, string, string])[])();
    case 'url':
      return [
        'retrieved_document',
        `See https://help.vendor-docs.net/search?q=${urlEncoded(attack)} for details.`,
        form,
      ];
    default:
      return ['retrieved_document', `<div class="note">${htmlEntities(attack)}</div>`, form];
  }
}

function obfuscated(random: SeededRandom, attack: string, lang: string, i: number): [string, string] {
  const forms = LATIN.has(lang)
    ? ['zero-width', 'confusables', 'spacing', 'fullwidth', 'dotted']
    : ['zero-width'];
  const form = forms[i % forms.length]!;
  const text =
    form === 'zero-width'
      ? zeroWidth(attack, random)
      : form === 'confusables'
        ? confusables(attack, random)
        : form === 'spacing'
          ? spacedOut(attack)
          : form === 'fullwidth'
            ? fullwidth(attack)
            : dotted(attack);
  return [text, form];
}

export function injectionRows(random: SeededRandom): LabelledText[] {
  const rows: LabelledText[] = [];
  let n = 0;
  for (const [lang, book] of Object.entries(PHRASEBOOK)) {
    book.attacks.forEach(([attackFamily, attack], a) => {
      const row = (form: string, role: TextRole, text: string) =>
        rows.push({
          id: `gen-inj-${lang}-${a}-${form}`,
          role,
          text,
          expect: ['injection'],
          family: `injection/${form}/${attackFamily}`,
          lang,
        });
      row('direct', 'user_input', `${random.pick(OPENERS)}${attack}`);
      row('indirect-document', 'retrieved_document', planted(random, book.passage, attack));
      row('indirect-tool', 'tool_result', toolResult(random, book.passage, attack));
      const [encodedRole, encodedText, encoding] = encoded(random, attack, n);
      row(`encoded-${encoding}`, encodedRole, encodedText);
      const [hidden, obfuscation] = obfuscated(random, attack, lang, n);
      row(`obfuscated-${obfuscation}`, random.pick(['user_input', 'retrieved_document'] as const), hidden);
      n++;
    });
  }
  return rows;
}
