import type { ReviewJobs } from '../src/governance/governance-deps.js';
import type { JobQueues } from './job-queues.js';
import { reviewRemovalsJob } from './review-removals-job.js';

/** Access reviews' deferred work as BullMQ jobs. */
export function reviewJobScheduler(queues: JobQueues): ReviewJobs {
  return {
    carryOutRemovals: (campaignId) => queues.enqueue(reviewRemovalsJob, { campaignId }),
  };
}
