import { InvalidInput } from '../../errors/domain-errors.js';
import { addDays, dayOf, firstDayOfMonth, startOfDay, startOfHour } from '../usage-day.js';

/** `[start, end)`; daily periods start and end at UTC midnight. */
export interface TimeRange {
  start: Date;
  end: Date;
}

export interface ReportPeriod {
  /** As the person typed it, normalised: `7d`, `24h`, `mtd`, ... */
  name: string;
  /** Hourly periods read the hourly rollups, the others the daily ones. */
  grain: 'hour' | 'day';
  current: TimeRange;
  /** The period just before, of the same length, for the change column. */
  previous: TimeRange;
}

export const PERIOD_HELP = '`24h` (1h–72h), `7d` (1d–365d), `today`, `yesterday`, `mtd`, `last-month`';
export const DEFAULT_PERIOD = '7d';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function shiftBack(range: TimeRange): TimeRange {
  const length = range.end.getTime() - range.start.getTime();
  return { start: new Date(range.start.getTime() - length), end: range.start };
}

function monthsBack(day: string, months: number): string {
  const start = startOfDay(firstDayOfMonth(day));
  return dayOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - months, 1)));
}

/** Parses a period word against `now`; undefined when it is not one. */
export function parsePeriod(text: string, now: Date): ReportPeriod | undefined {
  const word = text.trim().toLowerCase();
  const today = dayOf(now);
  const tomorrow = startOfDay(addDays(today, 1));
  const hours = /^(\d{1,2})h$/.exec(word);
  if (hours) {
    const count = Number(hours[1]);
    if (count < 1 || count > 72) return undefined;
    const end = new Date(startOfHour(now).getTime() + HOUR_MS);
    const current = { start: new Date(end.getTime() - count * HOUR_MS), end };
    return { name: `${count}h`, grain: 'hour', current, previous: shiftBack(current) };
  }
  const days = /^(\d{1,3})d$/.exec(word);
  if (days) {
    const count = Number(days[1]);
    if (count < 1 || count > 365) return undefined;
    const current = { start: new Date(tomorrow.getTime() - count * DAY_MS), end: tomorrow };
    return { name: `${count}d`, grain: 'day', current, previous: shiftBack(current) };
  }
  switch (word) {
    case 'today':
    case 'yesterday': {
      const end = word === 'today' ? tomorrow : startOfDay(today);
      const current = { start: new Date(end.getTime() - DAY_MS), end };
      return { name: word, grain: 'day', current, previous: shiftBack(current) };
    }
    case 'mtd': {
      const start = startOfDay(firstDayOfMonth(today));
      const previousStart = startOfDay(monthsBack(today, 1));
      const length = tomorrow.getTime() - start.getTime();
      const previousEnd = new Date(Math.min(previousStart.getTime() + length, start.getTime()));
      return {
        name: 'mtd',
        grain: 'day',
        current: { start, end: tomorrow },
        previous: { start: previousStart, end: previousEnd },
      };
    }
    case 'last-month':
    case 'lastmonth': {
      const start = startOfDay(monthsBack(today, 1));
      const current = { start, end: startOfDay(firstDayOfMonth(today)) };
      return {
        name: 'last-month',
        grain: 'day',
        current,
        previous: { start: startOfDay(monthsBack(today, 2)), end: start },
      };
    }
    default:
      return undefined;
  }
}

export function requirePeriod(text: string, now: Date): ReportPeriod {
  const period = parsePeriod(text, now);
  if (!period) throw new InvalidInput(`"${text}" is not a period. Periods: ${PERIOD_HELP}.`);
  return period;
}
