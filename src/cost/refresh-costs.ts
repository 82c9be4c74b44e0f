import type { CostDeps } from './cost-deps.js';
import { evaluateCostAlerts, type EvaluationResult } from './alerts/evaluate-cost-alerts.js';
import { refreshCostRollups } from './rollups/refresh-cost-rollups.js';
import { pruneNodeHours } from './alerts/prune-node-hours.js';
import type { UsageDay } from './usage-day.js';

/**
 * After a collector run (and on the sweep): recompute the rollups of every marked usage date,
 * then, when anything changed or `evaluate` asks for it (after every collector run), evaluate
 * the alert rules; a rule with nothing new since its last evaluation is not recomputed. Node
 * utilisation older than the idle rules can read is dropped on the way.
 */
export async function refreshCosts(
  deps: CostDeps,
  options: { evaluate: 'if-changed' | 'always' },
): Promise<{ dates: UsageDay[]; alerts: EvaluationResult | undefined }> {
  const dates = await refreshCostRollups(deps);
  await pruneNodeHours(deps.db, deps.clock.now());
  const alerts =
    dates.length > 0 || options.evaluate === 'always' ? await evaluateCostAlerts(deps) : undefined;
  return { dates, alerts };
}
