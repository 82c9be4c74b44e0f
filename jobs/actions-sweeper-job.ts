import { z } from 'zod';
import { sweepActions } from '../src/actions/sweep-actions.js';
import { defineJob } from './job-definition.js';

/** Every 30 s (and at start): expire overdue pending actions, re-queue stuck approved ones. */
export const actionsSweeperJob = defineJob({
  queue: 'actions-sweeper',
  payload: z.object({}),
  concurrency: 1,
  options: { attempts: 1, removeOnComplete: { count: 20 }, removeOnFail: { count: 20 } },
  schedule: { every: { everyMs: 30_000 }, payload: {}, runOnStart: true },
  handle: async (_payload, { deps, log }) => {
    const result = await sweepActions(deps.actions);
    if (result.expired + result.requeued > 0) log.info(result, 'actions swept');
    return result;
  },
});
