import { z } from 'zod';
import { announceEndings } from '../src/access/announce-endings.js';
import { defineJob } from './job-definition.js';

/** Announces the grants expiry passes ended; one run at a time, each taking every end so far. */
export const announceEndingsJob = defineJob({
  queue: 'access-announce-endings',
  payload: z.object({}),
  options: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 } },
  concurrency: 1,
  handle: async (_payload, { deps }) => {
    await announceEndings(deps.access);
  },
});
