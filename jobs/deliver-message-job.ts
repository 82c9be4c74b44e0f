import { DelayedError, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { deliverMessage, markDeliveryFailed } from '../src/messages/deliver-message.js';
import { DeliveryError } from '../src/ports/notifier.js';
import { defineJob } from './job-definition.js';

/**
 * Delivers one outbox row to Slack or Teams. Rate limits are waited out (the job is moved to
 * delayed for Retry-After), other transient errors retry with backoff, and permanent ones are
 * recorded once. Several run at once (Slack's per-channel limits are handled by the 429 path),
 * so a burst of approvals does not queue everyone's DMs behind one another.
 */
export const deliverMessageJob = defineJob({
  queue: 'deliver-message',
  payload: z.object({ key: z.string().min(1), revision: z.number().int() }),
  options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
  concurrency: 8,
  handle: async ({ key }, { deps, job, token }) => {
    try {
      return await deliverMessage(deps.delivery, key);
    } catch (error) {
      if (error instanceof DeliveryError && error.retryAfterMs !== undefined && token) {
        await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
        throw new DelayedError();
      }
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if ((error instanceof DeliveryError && error.permanent) || lastAttempt) {
        await markDeliveryFailed(deps.delivery, key, error);
        throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
      }
      throw error;
    }
  },
});
