import { z } from 'zod';
import { carryOutReviewRemovals } from '../src/governance/reviews/carry-out-review-removals.js';
import { defineJob } from './job-definition.js';

/** Right after a Remove or Convert: takes the member out of the group (crash-safe, idempotent). */
export const reviewRemovalsJob = defineJob({
  queue: 'review-removals',
  payload: z.object({ campaignId: z.uuid() }),
  concurrency: 1,
  options: { attempts: 3, backoff: { type: 'exponential', delay: 2_000 } },
  handle: async (payload, { deps }) => carryOutReviewRemovals(deps.governance, payload.campaignId),
});
