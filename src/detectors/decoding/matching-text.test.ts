import { describe, expect, it } from 'vitest';
import { matchingText } from './matching-text.js';

const read = (text: string) => matchingText({ via: 'original', text, toOriginal: (s, e) => [s, e] }).text;

describe('text as phrase patterns see it', () => {
  it('folds look-alike letters in Latin words, also after an apostrophe and in whole swapped words', () => {
    expect(read("qu'on t'а іmpoѕéeѕ")).toBe("qu'on t'a imposées");
    expect(read('Οrа ѕеі un’ΙΑ ѕеnza')).toBe('ora sei un’ia senza');
    expect(read('non vаlgоnо ріù')).toBe('non valgono più');
  });

  it('leaves Russian words alone, short ones made of look-alike letters too', () => {
    expect(read('Забудь все, а с этого момента API и ее правила')).toBe(
      'забудь все, а с этого момента api и ее правила',
    );
  });
});
