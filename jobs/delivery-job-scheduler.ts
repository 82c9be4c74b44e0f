import { createHash } from 'node:crypto';
import type { DeliveryJobs } from '../src/messages/queued-outbox.js';
import { deliverMessageJob } from './deliver-message-job.js';
import type { JobQueues } from './job-queues.js';

/** One delivery job per outbox row and revision: a retried enqueue never duplicates a post. */
export function deliveryJobScheduler(queues: JobQueues): DeliveryJobs {
  return {
    deliver: (key, revision, turn) =>
      queues.enqueue(
        deliverMessageJob,
        { key, revision },
        { jobId: `deliver-${hashKey(key)}-${revision}${turn === undefined ? '' : `-${turn}`}` },
      ),
  };
}

/** Keys can be long and contain any character; job ids stay short and safe. */
function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}
