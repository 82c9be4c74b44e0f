import type { CostJobs } from '../src/cost/cost-deps.js';
import { costRefreshJob } from './cost-refresh-job.js';
import type { JobQueues } from './job-queues.js';
import { safeJobId } from './job-queues.js';

/**
 * Queues a cost refresh after a collector run, which evaluates the alert rules whatever changed.
 * The id only deduplicates refreshes waiting or running (removed when done); a refresh picks up
 * every date marked before it finishes.
 */
export function costJobScheduler(queues: JobQueues): CostJobs {
  return {
    refreshSoon: async () => {
      await queues
        .queueFor(costRefreshJob)
        .add(
          costRefreshJob.queue,
          { evaluate: 'always' },
          { jobId: safeJobId('cost-refresh-now'), removeOnComplete: true, removeOnFail: true },
        );
    },
  };
}
