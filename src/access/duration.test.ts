import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, requireDuration } from './duration.js';

describe('durations', () => {
  it.each([
    ['30m', 1800],
    ['2h', 7200],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['1d', 86400],
    ['1w', 604800],
    ['45s', 45],
    ['2H', 7200],
  ])('parses %s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'two hours', '2', 'h', '-1h', '0m', '2x', '1.5h'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('explains a bad duration to the person', () => {
    expect(() => requireDuration('soon')).toThrow(/"soon" is not a duration/);
  });

  it('formats durations', () => {
    expect(formatDuration(7200)).toBe('2h');
    expect(formatDuration(5400)).toBe('1h 30m');
    expect(formatDuration(93600)).toBe('1d 2h');
    expect(formatDuration(30)).toBe('30s');
  });
});
