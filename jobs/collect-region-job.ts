import { z } from 'zod';
import { collectRegion } from '../src/collectors/collect-region.js';
import { NotFound } from '../src/errors/domain-errors.js';
import { defineJob } from './job-definition.js';

/**
 * One collection run of a region, fired by the region's own job scheduler (every
 * `collect_every_seconds`, see collect-job-scheduler.ts) or on demand. A failed run is recorded
 * and the next scheduled one tries again, so there are no retries; the region lock makes a run
 * that finds another in progress a no-op.
 */
export const collectRegionJob = defineJob({
  queue: 'collect-region',
  payload: z.object({
    regionId: z.string().uuid(),
    trigger: z.enum(['schedule', 'manual']).default('schedule'),
  }),
  options: { attempts: 1, removeOnComplete: { count: 1_000 }, removeOnFail: { count: 1_000 } },
  concurrency: 4,
  handle: async ({ regionId, trigger }, { deps, log }) => {
    let result;
    try {
      result = await collectRegion(deps.collectors, regionId, { trigger });
    } catch (error) {
      // Deleted after this job was queued (unscheduling leaves an already queued run behind).
      if (!(error instanceof NotFound)) throw error;
      result = { status: 'skipped' as const, reason: 'the region connector no longer exists' };
    }
    if (result.status === 'skipped') log.info({ regionId, reason: result.reason }, 'collector run skipped');
    return result.status === 'skipped'
      ? result
      : { status: result.status, runId: result.runId, health: result.health };
  },
});
