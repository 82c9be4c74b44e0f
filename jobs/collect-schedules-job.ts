import { z } from 'zod';
import { syncRegionSchedules } from '../src/collectors/sync-region-schedules.js';
import { defineJob } from './job-definition.js';

/** Every 5 minutes and at worker start: one collection schedule per directly collected region. */
export const collectSchedulesJob = defineJob({
  queue: 'collect-schedules',
  payload: z.object({}),
  options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: { everyMs: 5 * 60_000 }, payload: {}, runOnStart: true },
  handle: async (_payload, { deps, log }) => {
    const result = await syncRegionSchedules(deps.db, deps.collectors.schedules);
    if (result.removed > 0) log.info(result, 'collection schedules synced');
    return result;
  },
});
