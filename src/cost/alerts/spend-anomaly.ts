import type { SpendAnomalyRule } from '../config/cost-config.js';
import { median, medianAbsoluteDeviation, robustDeviations } from '../robust-stats.js';

export interface SpendAnomalyCheck {
  anomalous: boolean;
  median: number;
  mad: number;
  /** Robust standard deviations above the median. */
  deviations: number;
  increase: number;
  /** Percent above the median; Infinity when the median is 0. */
  increasePercent: number;
}

/** Fewer same weekdays than this: no baseline, never an alert. */
export const MIN_BASELINE_DAYS = 4;

/**
 * A day's spend against the same weekday of earlier weeks: unusual when it is above the median by
 * at least the rule's share and amount, and by at least `minDeviations` robust deviations.
 */
export function checkSpendAnomaly(
  rule: Pick<SpendAnomalyRule, 'minIncreasePercent' | 'minIncreaseAmount' | 'minDeviations'>,
  spend: number,
  sameWeekdays: readonly number[],
): SpendAnomalyCheck {
  if (sameWeekdays.length < MIN_BASELINE_DAYS) {
    return { anomalous: false, median: NaN, mad: NaN, deviations: 0, increase: 0, increasePercent: 0 };
  }
  const centre = median(sameWeekdays);
  const increase = spend - centre;
  const increasePercent = centre > 0 ? (increase / centre) * 100 : increase > 0 ? Infinity : 0;
  const deviations = robustDeviations(spend, sameWeekdays);
  const anomalous =
    increase >= rule.minIncreaseAmount &&
    increase > 0 &&
    increasePercent >= rule.minIncreasePercent &&
    deviations >= rule.minDeviations;
  return {
    anomalous,
    median: centre,
    mad: medianAbsoluteDeviation(sameWeekdays),
    deviations,
    increase,
    increasePercent,
  };
}
