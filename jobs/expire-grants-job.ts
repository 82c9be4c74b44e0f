import { z } from 'zod';
import { expireDueGrants } from '../src/access/expire-grants.js';
import { defineJob } from './job-definition.js';

/** Fires at a grant's end (or at once on revocation) and ends every grant that is due. */
export const expireGrantsJob = defineJob({
  queue: 'access-expire-grants',
  payload: z.object({ requestId: z.string().uuid() }),
  options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
  // Passes overlap: each claims the grants due by then, and removals to one group that wait for
  // the same SCIM write slot go out together.
  concurrency: 8,
  handle: async (_payload, { deps }) => {
    await expireDueGrants(deps.access);
  },
});
