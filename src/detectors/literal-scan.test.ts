import { describe, expect, it } from 'vitest';
import { LiteralScan } from './literal-scan.js';

function occurrences(scan: LiteralScan, text: string): string[] {
  const count = scan.scan(text);
  const found: string[] = [];
  for (let i = 0; i < count; i++) found.push(`${scan.strings[scan.hitKeys[i]!]}@${scan.hitEnds[i]}`);
  return found.sort();
}

function byIndexOf(strings: readonly string[], text: string): string[] {
  const found: string[] = [];
  for (const s of strings) {
    for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) found.push(`${s}@${at + s.length}`);
  }
  return found.sort();
}

describe('LiteralScan', () => {
  it('finds every occurrence of every string, overlapping ones too', () => {
    const strings = ['he', 'she', 'his', 'hers', 'ignor', 'ignore all', 'e', 'игнор', '無視', 'システム'];
    const scan = new LiteralScan(strings);
    for (const text of [
      'ushers',
      'she ignores all; he will Ignore all of his',
      'игнорируй, 無視して、システムプロンプト',
      '',
      'eee',
    ]) {
      expect(occurrences(scan, text)).toEqual(byIndexOf(strings, text));
    }
  });

  it('reuses its buffers past their first size', () => {
    const scan = new LiteralScan(['a']);
    expect(scan.scan('a'.repeat(1000))).toBe(1000);
    expect(scan.hitEnds[999]).toBe(1000);
  });
});
