import { describe, expect, it } from 'vitest';
import { budgetLevel, budgetStanding, budgetSeverity } from './budget-check.js';
import { checkJobRunSpike } from './job-run-spike.js';
import { dayBudgetIsPassed, forecastMonthEnd } from './month-end-forecast.js';
import { currentRunningStreak } from './running-streak.js';
import { checkSpendAnomaly } from './spend-anomaly.js';
import { addDays, daysBetween, weekdayOf } from '../usage-day.js';

/** Weekdays 100, weekends 20: a week with a shape. */
function weeklySpend(from: string, to: string, weekday = 100, weekend = 20) {
  const spend = new Map<string, number>();
  for (const day of daysBetween(from, to)) {
    const w = weekdayOf(day);
    spend.set(day, w === 0 || w === 6 ? weekend : weekday);
  }
  return spend;
}

describe('month-end forecast', () => {
  it('adds the same-weekday average of the last four weeks for every day still to come', () => {
    // 2026-11-10 is a Tuesday; November has 30 days.
    const spend = weeklySpend('2026-10-01', '2026-11-10');
    const forecast = forecastMonthEnd({
      dailySpend: spend,
      today: '2026-11-10',
      provisionalFrom: '2026-11-09',
      dataFrom: '2026-10-01',
    });
    const month = [...weeklySpend('2026-11-01', '2026-11-30').values()].reduce((a, b) => a + b, 0);
    expect(forecast.total).toBeCloseTo(month);
    expect(forecast.actual).toBeCloseTo(
      [...weeklySpend('2026-11-01', '2026-11-10').values()].reduce((a, b) => a + b),
    );
    expect(forecast.expected[0]).toEqual({ day: '2026-11-09', amount: 100 });
    expect(forecast.settled).toBeCloseTo(560);
    expect(dayBudgetIsPassed(forecast, 1000)).toBe('2026-11-13'); // Wed 860, Thu 960, Fri 1060
  });

  it('counts provisional days at least as their weekday usually spends', () => {
    const spend = weeklySpend('2026-10-01', '2026-11-10');
    spend.set('2026-11-10', 10); // only part of today has arrived
    const forecast = forecastMonthEnd({
      dailySpend: spend,
      today: '2026-11-10',
      provisionalFrom: '2026-11-09',
      dataFrom: '2026-10-01',
    });
    expect(forecast.expected.find((e) => e.day === '2026-11-10')?.amount).toBe(100);
  });
});

describe('budget standing', () => {
  const rule = { amount: 1000, thresholdsPercent: [50, 80, 100], forecast: true };
  it('reports the highest threshold reached, and a forecast warning below it', () => {
    expect(budgetStanding(rule, 400, 900)).toMatchObject({ thresholdReached: 0, forecastExceeds: false });
    const early = budgetStanding(rule, 400, 1200);
    expect(early).toMatchObject({ thresholdReached: 0, forecastExceeds: true });
    expect(budgetLevel(early)).toBe(1);
    expect(budgetSeverity(early)).toBe('warning');
    const over = budgetStanding(rule, 1010, 1500);
    expect(over).toMatchObject({ thresholdReached: 100, forecastExceeds: false });
    expect(budgetLevel(over)).toBe(101);
    expect(budgetSeverity(over)).toBe('critical');
    expect(budgetLevel(budgetStanding(rule, 850, 900))).toBe(81);
  });
});

describe('spend anomaly', () => {
  const rule = { minIncreasePercent: 50, minIncreaseAmount: 100, minDeviations: 3 };
  it('fires only when above the same-weekday median in relative, absolute and robust terms', () => {
    expect(checkSpendAnomaly(rule, 400, [190, 200, 210, 205, 195, 200]).anomalous).toBe(true);
    expect(checkSpendAnomaly(rule, 260, [190, 200, 210, 205, 195, 200]).anomalous).toBe(false); // +30%
    expect(checkSpendAnomaly(rule, 90, [20, 21, 19, 20, 20, 22]).anomalous).toBe(false); // +$70
    expect(checkSpendAnomaly(rule, 900, [100, 700, 150, 600, 120, 650]).anomalous).toBe(false); // noisy
    expect(checkSpendAnomaly(rule, 900, [200, 200, 200]).anomalous).toBe(false); // too little history
  });

  it('a Monday is compared with Mondays, so the weekly shape never fires', () => {
    const spend = weeklySpend('2026-09-01', '2026-11-23');
    for (const day of daysBetween('2026-11-16', '2026-11-22')) {
      const same = [1, 2, 3, 4, 5, 6].map((w) => spend.get(addDays(day, -7 * w))!);
      expect(checkSpendAnomaly(rule, spend.get(day)!, same).anomalous).toBe(false);
    }
  });
});

describe('job run cost spike', () => {
  const rule = { factor: 3, runs: 10, minRuns: 5, minCost: 10 };
  it('compares a run with the median of the job’s earlier runs', () => {
    expect(checkJobRunSpike(rule, 100, [20, 22, 19, 25, 21, 18]).spike).toBe(true);
    expect(checkJobRunSpike(rule, 50, [20, 22, 19, 25, 21, 18]).spike).toBe(false);
    expect(checkJobRunSpike(rule, 100, [20, 22, 19]).spike).toBe(false); // no baseline yet
    expect(checkJobRunSpike(rule, 8, [1, 1, 1, 1, 1]).spike).toBe(false); // too cheap to care
  });
});

describe('running streak', () => {
  const hour = (h: number) => new Date(Date.UTC(2026, 10, 23, h));
  it('finds the unbroken run of hours still going at the end of the data', () => {
    const hours = [1, 2, 4, 5, 6, 7, 8].map(hour);
    expect(currentRunningStreak(hours, hour(9))).toEqual({ start: hour(4), end: hour(9), hours: 5 });
    expect(currentRunningStreak(hours, hour(10))).toEqual({ start: hour(4), end: hour(9), hours: 5 });
    expect(currentRunningStreak(hours, hour(11))).toBeUndefined();
    expect(currentRunningStreak([], hour(11))).toBeUndefined();
  });
});
