import type { AccessJobs } from '../src/access/access-deps.js';
import type { Clock } from '../src/ports/clock.js';
import { announceEndingsJob } from './announce-endings-job.js';
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
      // An immediate pass (revocation) must not be swallowed by the grant's pending delayed job.
      if (delayUntil(at) === 0) return queues.enqueue(expireGrantsJob, { requestId });
      // One pass ends every grant due by then: grants ending within the same quarter second share
      // it (10,000 ends in a minute are 240 passes, not 10,000).
      const pass = expiryPassAt(at);
      return queues.enqueue(
        expireGrantsJob,
        { requestId },
        {
          jobId: expiryJobId(pass),
          delayMs: delayUntil(pass),
          rerunFinished: true,
          anotherWhileRunning: true,
        },
      );
    },
    announceEndings: () => queues.enqueue(announceEndingsJob, {}),
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

/**
 * How far apart expiry passes are at most: a grant's removal waits for its pass up to this long,
 * then for its group's next write slot (about a second with two busy groups at 2 PATCH/s).
 */
const PASS_SPACING_MS = 250;

/** The expiry pass that ends a grant due at `at`: the next whole quarter second. */
export const expiryPassAt = (at: Date) =>
  new Date(Math.ceil(at.getTime() / PASS_SPACING_MS) * PASS_SPACING_MS);

/** The delayed job of the expiry pass at `pass`. */
export const expiryJobId = (pass: Date) => `expire-at-${pass.getTime()}`;
