import { z } from 'zod';
import { timeOutRequests } from '../src/access/time-out-requests.js';
import { defineJob } from './job-definition.js';

/** Fires at a request's approval deadline and times it out if nobody decided. */
export const approvalTimeoutJob = defineJob({
  queue: 'access-approval-timeout',
  payload: z.object({ requestId: z.string().uuid() }),
  handle: async (_payload, { deps }) => {
    await timeOutRequests(deps.access);
  },
});
