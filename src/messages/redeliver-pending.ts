import { sql } from 'kysely';
import type { DeliveryDeps } from './deliver-message.js';

/** How long a delivery may stay pending before the sweeper assumes its job was lost. */
export const REDELIVER_AFTER_SECONDS = 60;

/**
 * Re-queues outbox rows that are still pending long after they were written (their job was
 * lost, e.g. Redis was flushed). Queuing is idempotent: a job that still exists is not doubled.
 * Ages are measured by the database clock, like `created_at` itself.
 */
export async function redeliverPending(deps: DeliveryDeps): Promise<number> {
  const stale = await deps.db
    .selectFrom('message_deliveries')
    .select(['key', 'revision', 'order_key'])
    .where('state', '=', 'pending')
    .where('created_at', '<=', sql<Date>`now() - make_interval(secs => ${REDELIVER_AFTER_SECONDS})`)
    .orderBy('created_at')
    .limit(1_000)
    .execute();
  // A post waiting its turn may have had its job already (it found an earlier post pending):
  // a fresh one, which delivers it only when its turn has come and no other job is posting.
  const sweep = `sweep-${Date.now()}`;
  for (const row of stale) {
    await deps.jobs.deliver(row.key, row.revision, row.order_key === null ? undefined : sweep);
  }
  return stale.length;
}
