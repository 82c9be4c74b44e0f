import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import {
  ActionInFlight,
  ActionSettling,
  executeAction,
  markActionFailed,
} from '../src/actions/execute-action.js';
import { defineJob } from './job-definition.js';

/**
 * Executes an approved remediation action (record intent, call Databricks, read back, record the
 * outcome). A call still settling or answered 429/5xx beyond the client's own retries is tried
 * again with backoff; when the attempts run out the action is marked failed on every card.
 */
export const executeActionJob = defineJob({
  queue: 'actions-execute',
  payload: z.object({ actionId: z.string().uuid() }),
  options: { attempts: 8, backoff: { type: 'exponential', delay: 2_000 } },
  concurrency: 20,
  handle: async ({ actionId }, { deps, job, log }) => {
    try {
      await executeAction(deps.actions, actionId);
    } catch (error) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt && !(error instanceof ActionInFlight)) {
        await markActionFailed(deps.actions, actionId, error);
        throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
      }
      if (!(error instanceof ActionInFlight || error instanceof ActionSettling))
        log.warn({ err: error, actionId }, 'action attempt failed; will retry');
      throw error;
    }
  },
});
