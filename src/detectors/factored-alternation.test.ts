import { describe, expect, it } from 'vitest';
import { factoredAlternation } from './factored-alternation.js';

const hits = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((m) => [m.index, m[0]]);

describe('factoredAlternation', () => {
  it('finds exactly what the plain alternation finds', () => {
    const source =
      'ignor|instruction|\\bvoid\\b|(?:stop|quit) following|in(?:struct|form)|d.ora in poi|x?yz|rules|regeln|без |指示|指令|(?:new|only) (?:system )?(?:rules|task)|(?:(?:don.t|do not)|never) (?:follow|obey)|(?:ab)?c';
    const texts = [
      'Ignore the instructions; stop following the rules, void them.',
      'avoid voids; informal instruct d’ora in poi, dxora in poi',
      'xyz yz regeln без правил 指示 指令 指',
      'new system rules, only task; new rules! never obey, don’t follow, do not obey. abc c',
    ].map((text) => text.toLowerCase());
    for (const text of texts) {
      expect(hits(factoredAlternation(source, 'g'), text)).toEqual(hits(new RegExp(source, 'g'), text));
    }
    expect(factoredAlternation(source, 'g').source).toContain('i(?:gnor|nstruction|n(?:struct|form))');
    // Leading groups are distributed, so their words are grouped by first character too.
    expect(factoredAlternation(source, 'g').source).toContain('quit(?: following)');
    expect(factoredAlternation(source, 'g').source).toContain('n(?:ew(?: (?:system )?(?:rules|task))|ever');
  });
});
