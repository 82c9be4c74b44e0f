import { z } from 'zod';
import { redeliverPending } from '../src/messages/redeliver-pending.js';
import { defineJob } from './job-definition.js';

/** Every minute and at worker start: re-queues chat messages whose delivery job was lost. */
export const outboxSweeperJob = defineJob({
  queue: 'outbox-sweeper',
  payload: z.object({}),
  options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: { everyMs: 60_000 }, payload: {}, runOnStart: true },
  handle: async (_payload, { deps, log }) => {
    const requeued = await redeliverPending(deps.delivery);
    if (requeued > 0) log.info({ requeued }, 'outbox sweep re-queued pending messages');
    return { requeued };
  },
});
