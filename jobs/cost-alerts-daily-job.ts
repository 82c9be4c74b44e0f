import { z } from 'zod';
import { refreshCosts } from '../src/cost/refresh-costs.js';
import { defineJob } from './job-definition.js';

/**
 * Every day at 07:00 UTC: evaluates every cost alert rule even when no collector run changed
 * anything (budgets' forecasts move with the calendar, snoozes run out, periods end).
 */
export const costAlertsDailyJob = defineJob({
  queue: 'cost-alerts-daily',
  payload: z.object({}),
  concurrency: 1,
  options: { attempts: 3, removeOnComplete: { count: 30 }, removeOnFail: { count: 30 } },
  schedule: { every: { cron: '0 7 * * *' }, payload: {} },
  handle: async (_payload, { deps, log }) => {
    const result = await refreshCosts(deps.cost, { evaluate: 'always' });
    log.info({ dates: result.dates.length, alerts: result.alerts }, 'daily cost alert evaluation');
    return { dates: result.dates.length, alerts: result.alerts };
  },
});
