import { z } from 'zod';
import { evaluateCostAlerts } from '../src/cost/alerts/evaluate-cost-alerts.js';
import { defineJob } from './job-definition.js';

/** How often the rules are evaluated even when no collector run happened: the longest wait for a due alert. */
export const COST_ALERT_EVALUATION_MS = 5 * 60_000;

/**
 * Every five minutes, whether or not a collector ran: evaluates the cost alert rules. A rule whose
 * settings and inputs (rollups, collector runs, the day) are unchanged is not recomputed; only its
 * alerts that fell due meanwhile (a snooze or a cooldown that ran out) are announced, so a quiet
 * account hears about them within one interval.
 */
export const costAlertsEvaluateJob = defineJob({
  queue: 'cost-alerts-evaluate',
  payload: z.object({}),
  concurrency: 1,
  options: { attempts: 3, removeOnComplete: { count: 30 }, removeOnFail: { count: 30 } },
  schedule: { every: { everyMs: COST_ALERT_EVALUATION_MS }, payload: {}, runOnStart: true },
  handle: async (_payload, { deps, log }) => {
    const result = await evaluateCostAlerts(deps.cost);
    if (result.recomputed.length > 0 || result.announced > 0 || result.failed.length > 0)
      log.info(
        { recomputed: result.recomputed, announced: result.announced, failed: result.failed },
        'cost alert evaluation',
      );
    return { recomputed: result.recomputed.length, announced: result.announced, resolved: result.resolved };
  },
});
