import { describe, expect, it } from 'vitest';
import { CORPUS_SEED, generatedCorpus } from '../../../test/corpus/generated/generated-corpus.js';
import { triggerScan } from '../triggers.js';
import { nationalIdMatches } from './national-ids.js';

describe('nationalIdMatches', () => {
  it('finds the same with the trigger scan’s gates as without them', () => {
    const texts = [
      ...generatedCorpus(CORPUS_SEED).map((row) => row.text),
      'SSN 123-45-6789, ssn: 078051121, BSN 111222333, SIN 046 454 286, sin 046454286',
      'Aadhaar 2345 6789 0124, aadhaar no. 234567890124, DNI 12345678Z, NIE X1234567L',
      'CPF 123.456.789-09, NI number AB 12 34 56 C and AB123456C, order 918273645512',
    ];
    let found = 0;
    for (const text of texts) {
      const all = nationalIdMatches(text);
      found += all.length;
      expect(nationalIdMatches(text, triggerScan(text.toLowerCase(), text.length)), text).toEqual(all);
    }
    expect(found).toBeGreaterThan(10);
  });
});
