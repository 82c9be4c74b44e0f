import type { RegionSchedules } from '../src/collectors/region-schedules.js';
import { collectRegionJob } from './collect-region-job.js';
import type { JobQueues } from './job-queues.js';
import { safeJobId } from './job-queues.js';

const SCHEDULER_PREFIX = 'collect-region-';

/**
 * Region collection schedules as BullMQ job schedulers, one per region with a deterministic id
 * (`collect-region-<regionId>`): scheduling again replaces the interval, never adds a second one.
 */
export function collectJobScheduler(queues: JobQueues): RegionSchedules {
  const queue = () => queues.queueFor(collectRegionJob);
  return {
    scheduleRegion: async (regionId, everySeconds) => {
      const data = collectRegionJob.payload.parse({ regionId, trigger: 'schedule' });
      await queue().upsertJobScheduler(
        `${SCHEDULER_PREFIX}${regionId}`,
        { every: Math.max(60, everySeconds) * 1000 },
        { name: collectRegionJob.queue, data },
      );
    },
    unscheduleRegion: async (regionId) => {
      await queue().removeJobScheduler(`${SCHEDULER_PREFIX}${regionId}`);
    },
    scheduledRegions: async () => {
      const schedulers = await queue().getJobSchedulers(0, -1);
      return schedulers
        .map((scheduler) => scheduler.key)
        .filter((key) => key.startsWith(SCHEDULER_PREFIX))
        .map((key) => key.slice(SCHEDULER_PREFIX.length));
    },
    runNow: async (regionId) => {
      const data = collectRegionJob.payload.parse({ regionId, trigger: 'manual' });
      // Removed when done, so the id only deduplicates runs that are waiting or running.
      await queue().add(collectRegionJob.queue, data, {
        jobId: safeJobId(`collect-now-${regionId}`),
        removeOnComplete: true,
        removeOnFail: true,
      });
    },
  };
}
