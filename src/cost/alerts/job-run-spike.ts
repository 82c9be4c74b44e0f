import type { JobRunCostSpikeRule } from '../config/cost-config.js';
import { median } from '../robust-stats.js';

export interface JobRunSpikeCheck {
  spike: boolean;
  median: number;
  /** The run's cost ÷ the median of earlier runs. */
  ratio: number;
  baselineRuns: number;
}

/** A run costing more than `factor` × the median of the job's previous runs (and at least `minCost`). */
export function checkJobRunSpike(
  rule: Pick<JobRunCostSpikeRule, 'factor' | 'runs' | 'minRuns' | 'minCost'>,
  runCost: number,
  earlierRunCosts: readonly number[],
): JobRunSpikeCheck {
  const baseline = earlierRunCosts.slice(0, rule.runs);
  if (baseline.length < rule.minRuns)
    return { spike: false, median: NaN, ratio: 0, baselineRuns: baseline.length };
  const centre = median(baseline);
  const ratio = centre > 0 ? runCost / centre : runCost > 0 ? Infinity : 0;
  return {
    spike: runCost >= rule.minCost && ratio > rule.factor,
    median: centre,
    ratio,
    baselineRuns: baseline.length,
  };
}
