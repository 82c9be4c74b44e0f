import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { MessageDeliveryRow } from '../db/tables/message-deliveries.js';
import type { DeliveryDeps } from './deliver-message.js';

/**
 * Posts about one subject reach each target in the order they were queued, however many
 * delivery jobs run at once and however long no worker ran: within an order (its order key,
 * platform and target) only the pending post with the lowest sequence number is delivered, by
 * one job at a time (a Postgres advisory lock, never held by a transaction, only while posting).
 * A job that finds an earlier post pending, or another job delivering, leaves its post pending;
 * whoever held the lock asks for the order's next post when done, so nothing waits for the
 * sweeper unless a process died mid-way.
 */
export async function deliverInOrder(
  deps: DeliveryDeps,
  row: MessageDeliveryRow,
  deliver: (db: Db) => Promise<'sent' | 'skipped'>,
): Promise<'sent' | 'skipped' | 'waiting'> {
  const lock = sql`hashtextextended(${orderName(row)}, 0)`;
  const outcome = await deps.db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${lock}) as locked`.execute(
      conn,
    );
    if (!rows[0]?.locked) return 'busy' as const;
    try {
      const head = await nextInOrder({ ...deps, db: conn }, row);
      // The post goes out on the connection holding the lock: one connection per delivery.
      return head?.key === row.key ? await deliver(conn) : ('waiting' as const);
    } finally {
      await sql`select pg_advisory_unlock(${lock})`.execute(conn);
    }
  });
  if (outcome === 'busy') return 'waiting';
  await queueNextInOrder(deps, row);
  return outcome;
}

/** Asks for the delivery of the order's first pending post (if any) with a fresh job. */
export async function queueNextInOrder(deps: DeliveryDeps, row: MessageDeliveryRow): Promise<void> {
  const next = await nextInOrder(deps, row);
  if (next) await deps.jobs.deliver(next.key, next.revision, `turn-${randomUUID()}`);
}

function nextInOrder(deps: Pick<DeliveryDeps, 'db'>, row: MessageDeliveryRow) {
  return deps.db
    .selectFrom('message_deliveries')
    .select(['key', 'revision'])
    .where('order_key', '=', row.order_key)
    .where('platform', '=', row.platform)
    .where('target_id', '=', row.target_id)
    .where('target_kind', '=', row.target_kind)
    .where('operation', '=', 'post')
    .where('state', '=', 'pending')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
}

function orderName(row: MessageDeliveryRow): string {
  return JSON.stringify(['delivery-order', row.order_key, row.platform, row.target_kind, row.target_id]);
}
