import { z } from 'zod';
import { sweepReviews } from '../src/governance/reviews/sweep-reviews.js';
import { defineJob } from './job-definition.js';

/**
 * Every 15 minutes: starts the campaigns the policy schedules, retries review removals that
 * failed, reminds owners before the due date and escalates after it.
 */
export const accessReviewsJob = defineJob({
  queue: 'access-reviews',
  payload: z.object({}),
  concurrency: 1,
  options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: { cron: '*/15 * * * *' }, payload: {} },
  handle: async (_payload, { deps }) => sweepReviews(deps.governance),
});
