import { addDays, daysBetween, lastDayOfMonth, weekdayOf, type UsageDay } from '../usage-day.js';

export interface ForecastInput {
  /** Spend per day (missing days spent nothing), from at least 4 weeks before `today` on. */
  dailySpend: ReadonlyMap<UsageDay, number>;
  today: UsageDay;
  /** Days whose figures are still arriving (the last 24 hours): counted as at least their expected spend. */
  provisionalFrom: UsageDay;
  /** The earliest day with any collected usage: days before it are unknown, not zero. */
  dataFrom: UsageDay;
}

export interface MonthEndForecast {
  /** Actual spend from the first of the month to today (provisional days included as they are). */
  actual: number;
  /** Actual spend before the provisional days: settled figures. */
  settled: number;
  /** Expected total at the end of the month. */
  total: number;
  /** Each remaining day's expected spend (today included), for finding when a budget is passed. */
  expected: { day: UsageDay; amount: number }[];
}

const BASELINE_DAYS = 28;

/**
 * Month-end forecast: actual spend so far, plus for every day still to come the average spend of
 * the same weekday over the last four complete weeks (the run-rate with the week's shape). Days
 * still provisional count as at least what their weekday usually spends.
 */
export function forecastMonthEnd(input: ForecastInput): MonthEndForecast {
  const { dailySpend, today, provisionalFrom } = input;
  const spendOn = (day: UsageDay) => dailySpend.get(day) ?? 0;
  const baselineEnd = addDays(provisionalFrom, -1);
  const baselineStart = [addDays(baselineEnd, -(BASELINE_DAYS - 1)), input.dataFrom].sort().at(-1)!;
  const baseline = baselineStart <= baselineEnd ? daysBetween(baselineStart, baselineEnd) : [];
  const byWeekday = new Map<number, number[]>();
  for (const day of baseline) {
    const list = byWeekday.get(weekdayOf(day)) ?? [];
    list.push(spendOn(day));
    byWeekday.set(weekdayOf(day), list);
  }
  const overall =
    baseline.length === 0 ? 0 : baseline.reduce((sum, d) => sum + spendOn(d), 0) / baseline.length;
  const expectedOn = (day: UsageDay) => {
    const same = byWeekday.get(weekdayOf(day));
    return same && same.length > 0 ? same.reduce((a, b) => a + b, 0) / same.length : overall;
  };
  const first = `${today.slice(0, 7)}-01`;
  const last = lastDayOfMonth(today);
  let actual = 0;
  let settled = 0;
  let total = 0;
  const expected: { day: UsageDay; amount: number }[] = [];
  for (const day of daysBetween(first, last)) {
    if (day < provisionalFrom) {
      actual += spendOn(day);
      settled += spendOn(day);
      total += spendOn(day);
    } else if (day <= today) {
      actual += spendOn(day);
      const amount = Math.max(spendOn(day), expectedOn(day));
      total += amount;
      expected.push({ day, amount });
    } else {
      const amount = expectedOn(day);
      total += amount;
      expected.push({ day, amount });
    }
  }
  return { actual, settled, total, expected };
}

/** The first day on which the forecast running total reaches `amount`, if it does this month. */
export function dayBudgetIsPassed(forecast: MonthEndForecast, amount: number): UsageDay | undefined {
  let running = forecast.settled;
  for (const { day, amount: expected } of forecast.expected) {
    running += expected;
    if (running >= amount) return day;
  }
  return undefined;
}
