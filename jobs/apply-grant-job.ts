import { z } from 'zod';
import { applyGrant, isRetryableApplyError, markApplyFailed } from '../src/access/apply-grant.js';
import { defineJob } from './job-definition.js';

/** Applies an approved grant in Databricks; gives up into `apply_failed` when retries cannot help. */
export const applyGrantJob = defineJob({
  queue: 'access-apply-grant',
  payload: z.object({ requestId: z.string().uuid() }),
  options: { attempts: 6, backoff: { type: 'exponential', delay: 2_000 } },
  // Applies mostly wait for their SCIM write; many at once let adds to a group share one PATCH.
  concurrency: 200,
  handle: async ({ requestId }, { deps, job, log }) => {
    try {
      await applyGrant(deps.access, requestId);
    } catch (error) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt || !isRetryableApplyError(error)) {
        await markApplyFailed(deps.access, requestId, error);
        return;
      }
      log.warn({ err: error, requestId }, 'applying grant failed; will retry');
      throw error;
    }
  },
});
