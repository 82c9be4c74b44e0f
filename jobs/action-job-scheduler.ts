import type { ActionJobs } from '../src/actions/action-deps.js';
import { executeActionJob } from './execute-action-job.js';
import type { JobQueues } from './job-queues.js';

/**
 * The actions domain's deferred work, as BullMQ jobs with deterministic ids. Pending actions past
 * their deadline are expired by the actions sweeper, not by one delayed job each.
 */
export function actionJobScheduler(queues: JobQueues): ActionJobs {
  return {
    // Until it succeeded or failed for good: a job that finished early or died with its worker
    // must not block the next attempt.
    execute: (actionId) =>
      queues.enqueue(executeActionJob, { actionId }, { jobId: `action-${actionId}`, rerunFinished: true }),
  };
}
