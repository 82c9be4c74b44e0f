import { z } from 'zod';
import { sweepAccess } from '../src/access/sweep-access.js';
import { defineJob } from './job-definition.js';

export const ACCESS_SWEEP_INTERVAL_MS = 30_000;

/** Every 30 s and at worker start: revokes overdue grants even when their delayed job was lost. */
export const accessSweeperJob = defineJob({
  queue: 'access-sweeper',
  payload: z.object({}),
  options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: { everyMs: ACCESS_SWEEP_INTERVAL_MS }, payload: {}, runOnStart: true },
  handle: async (_payload, { deps, log }) => {
    const result = await sweepAccess(deps.access);
    if (Object.values(result).some((count) => count > 0)) log.info(result, 'access sweep');
    return result;
  },
});
