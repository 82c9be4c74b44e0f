import type { AccessJobs } from '../src/access/access-deps.js';
import type { Clock } from '../src/ports/clock.js';
import { applyGrantJob } from './apply-grant-job.js';
import { approvalTimeoutJob } from './approval-timeout-job.js';
import { expireGrantsJob } from './expire-grants-job.js';
import { expiryReminderJob } from './expiry-reminder-job.js';
import type { JobQueues } from './job-queues.js';

/** The access domain's deferred work, as BullMQ jobs with deterministic ids. */
export function accessJobScheduler(queues: JobQueues, clock: Clock): AccessJobs {
  const delayUntil = (at: Date) => Math.max(0, at.getTime() - clock.now().getTime());
  return {
    // An approved request is applied until it is active or failed for good: a job that died with
    // its workers (stalled too often) or finished early must not block the next attempt.
    applyGrant: (requestId) =>
      queues.enqueue(applyGrantJob, { requestId }, { jobId: `apply-${requestId}`, rerunFinished: true }),
    expireAt: (requestId, at) => {
      const delayMs = delayUntil(at);
      // An immediate pass (revocation) must not be swallowed by the grant's pending delayed job.
      return delayMs === 0
        ? queues.enqueue(expireGrantsJob, { requestId })
        : queues.enqueue(expireGrantsJob, { requestId }, { jobId: `expire-${requestId}`, delayMs });
    },
    remindAt: (requestId, at) =>
      queues.enqueue(
        expiryReminderJob,
        { requestId },
        { jobId: `remind-${requestId}`, delayMs: delayUntil(at) },
      ),
    timeOutAt: (requestId, at) =>
      queues.enqueue(
        approvalTimeoutJob,
        { requestId },
        { jobId: `timeout-${requestId}`, delayMs: delayUntil(at) },
      ),
  };
}
