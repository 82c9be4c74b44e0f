import type { BudgetRule } from '../config/cost-config.js';
import type { Severity } from '../../messages/chat-message.js';

export interface BudgetStanding {
  /** The highest threshold (percent of the amount) actual spend has reached; 0 for none. */
  thresholdReached: number;
  percentUsed: number;
  /** The forecast passes the amount while actual spend has not yet. */
  forecastExceeds: boolean;
}

/** Where spend stands against a budget: thresholds reached by actual spend, and the forecast. */
export function budgetStanding(
  rule: Pick<BudgetRule, 'amount' | 'thresholdsPercent' | 'forecast'>,
  actual: number,
  forecastTotal: number | undefined,
): BudgetStanding {
  const percentUsed = (actual / rule.amount) * 100;
  const reached = rule.thresholdsPercent.filter((t) => percentUsed >= t);
  const thresholdReached = reached.length > 0 ? reached.at(-1)! : 0;
  const forecastExceeds =
    rule.forecast && forecastTotal !== undefined && percentUsed < 100 && forecastTotal > rule.amount;
  return { thresholdReached, percentUsed, forecastExceeds };
}

/**
 * The alert level of a standing, higher is worse: each threshold is its percentage + 1 (so a
 * forecast warning, level 1, ranks below every threshold); 0 when nothing to say.
 */
export function budgetLevel(standing: BudgetStanding): number {
  if (standing.thresholdReached > 0) return standing.thresholdReached + 1;
  return standing.forecastExceeds ? 1 : 0;
}

export function budgetSeverity(standing: BudgetStanding): Severity {
  if (standing.thresholdReached >= 100) return 'critical';
  if (standing.thresholdReached >= 80 || standing.forecastExceeds) return 'warning';
  return 'info';
}
