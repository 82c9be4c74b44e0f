import { z } from 'zod';
import { refreshCosts } from '../src/cost/refresh-costs.js';
import { defineJob } from './job-definition.js';

export const COST_REFRESH_SWEEP_MS = 5 * 60_000;

/**
 * After each collector run (queued by the cost domain's collector listener), and every five
 * minutes as a sweep: recomputes the rollups of the marked usage dates, then evaluates the cost
 * alert rules: always after a collector run (node utilisation, warehouse events and query history
 * arrive without touching the rollups), on the sweep only when a date changed. One at a time.
 */
export const costRefreshJob = defineJob({
  queue: 'cost-refresh',
  payload: z.object({ evaluate: z.enum(['if-changed', 'always']).default('if-changed') }),
  concurrency: 1,
  options: { attempts: 3, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: {
    every: { everyMs: COST_REFRESH_SWEEP_MS },
    payload: { evaluate: 'if-changed' as const },
    runOnStart: true,
  },
  handle: async (payload, { deps, log }) => {
    const result = await refreshCosts(deps.cost, { evaluate: payload.evaluate });
    if (result.dates.length > 0)
      log.info({ dates: result.dates.length, alerts: result.alerts }, 'cost refresh');
    return { dates: result.dates.length, alerts: result.alerts };
  },
});
