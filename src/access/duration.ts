import { InvalidInput } from '../errors/domain-errors.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const PART = /(\d+)\s*(w|d|h|m|s)/gy;

/** Parses `90m`, `2h`, `1h30m`, `1d` into seconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^(\d+(w|d|h|m|s))+$/.test(compact)) return undefined;
  let seconds = 0;
  PART.lastIndex = 0;
  for (const match of compact.matchAll(new RegExp(PART.source, 'g'))) {
    seconds += Number(match[1]) * UNIT_SECONDS[match[2]!]!;
  }
  return seconds > 0 ? seconds : undefined;
}

export function requireDuration(text: string): number {
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    throw new InvalidInput(`"${text}" is not a duration. Use forms like 30m, 2h, 1h30m or 1d.`, 'duration');
  }
  return seconds;
}

/** Formats seconds the way people say them: `2h`, `1h 30m`, `1d 4h`. */
export function formatDuration(totalSeconds: number): string {
  const parts: string[] = [];
  let rest = Math.round(totalSeconds);
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}s`);
  return parts.join(' ');
}
