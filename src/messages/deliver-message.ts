import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { ChatPlatform } from '../ports/chat-user.js';
import { DeliveryError, type Notifier, type PostedMessage, type PostPlace } from '../ports/notifier.js';
import type { MessageDeliveryRow } from '../db/tables/message-deliveries.js';
import type { ChatMessage } from './chat-message.js';
import { rememberPostedMessage } from './posted-messages.js';
import { deliverInOrder, queueNextInOrder } from './ordered-delivery.js';
import { queueCopyUpdate, type DeliveryJobs } from './queued-outbox.js';

export interface DeliveryDeps {
  db: Db;
  notifier: Notifier;
  jobs: DeliveryJobs;
  log: Logger;
}

/** Posts and thread replies are sent once; updates are sent again with the latest content. */
const sentOnce = (row: { operation: string; state: string }) =>
  row.operation !== 'update' && row.state === 'sent';

/**
 * Delivers one outbox row. A post or thread reply already sent is not sent again (a retried job
 * changes nothing); an update always sends the row's latest content. A post with an order key waits
 * for the posts queued before it to the same target (see ordered-delivery.ts). Errors
 * propagate so the job runner retries with backoff.
 */
export async function deliverMessage(
  deps: DeliveryDeps,
  key: string,
): Promise<'sent' | 'skipped' | 'waiting'> {
  const row = await readDelivery(deps, key);
  if (!row || row.state === 'failed' || sentOnce(row)) return 'skipped';
  if (row.operation === 'post' && row.order_key !== null)
    return deliverInOrder(deps, row, (db) => deliverRow({ ...deps, db }, key));
  return deliverRow(deps, key);
}

function readDelivery(deps: DeliveryDeps, key: string) {
  return deps.db.selectFrom('message_deliveries').selectAll().where('key', '=', key).executeTakeFirst();
}

async function deliverRow(deps: DeliveryDeps, key: string): Promise<'sent' | 'skipped'> {
  const row = await readDelivery(deps, key);
  if (!row || row.state === 'failed' || sentOnce(row)) return 'skipped';
  const platform = row.platform as ChatPlatform;
  const message = row.message as ChatMessage;
  if (row.operation === 'update') {
    await countAttempt(deps, key);
    const posted = { platform, channel: row.target_id, messageId: row.target_message_id! };
    await deps.notifier.update(posted, message);
    await deps.db
      .updateTable('message_deliveries')
      .set({ state: 'sent', sent_at: new Date() })
      .where('key', '=', key)
      .where('revision', '=', row.revision)
      .execute();
    return 'sent';
  }
  if (row.operation === 'reply') {
    const parent = { platform, channel: row.target_id, messageId: row.target_message_id! };
    const reply = await postOnce(deps, row, { kind: 'thread', parent }, (tag) =>
      deps.notifier.replyInThread(parent, message, tag),
    );
    await deps.db
      .updateTable('message_deliveries')
      .set({
        state: 'sent',
        sent_at: new Date(),
        posting_since: null,
        posted_channel: reply.channel,
        posted_message_id: reply.messageId,
      })
      .where('key', '=', key)
      .execute();
    return 'sent';
  }
  const target = { platform, id: row.target_id };
  const posted: PostedMessage =
    row.target_kind === 'user'
      ? await postOnce(deps, row, { kind: 'user', user: target }, (tag) =>
          deps.notifier.postToUser(target, message, tag),
        )
      : await postOnce(deps, row, { kind: 'channel', channel: target }, (tag) =>
          deps.notifier.postToChannel(target, message, tag),
        );
  // Marking it sent and remembering where it went happen together, under the row's lock, so an
  // update of the copies either changed this row first (caught below) or sees the posted copy.
  const after = await deps.db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('message_deliveries')
      .set({
        state: 'sent',
        sent_at: new Date(),
        posting_since: null,
        posted_channel: posted.channel,
        posted_message_id: posted.messageId,
      })
      .where('key', '=', key)
      .returning(['revision', 'message'])
      .executeTakeFirstOrThrow();
    if (row.subject_type && row.subject_id && row.purpose) {
      const subject = { type: row.subject_type, id: row.subject_id };
      await rememberPostedMessage(trx, subject, row.purpose, posted, row.recipient ?? undefined);
    }
    return marked;
  });
  // The content changed while we were posting: bring the new copy up to date.
  if (after.revision !== row.revision) {
    await queueCopyUpdate(deps.db, deps.jobs, posted, JSON.stringify(after.message));
  }
  return 'sent';
}

function countAttempt(deps: DeliveryDeps, key: string, postingSince?: Date) {
  return deps.db
    .updateTable('message_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      ...(postingSince ? { posting_since: postingSince } : {}),
    }))
    .where('key', '=', key)
    .execute();
}

/**
 * Posts a message at most once per outbox row, across crashes. The attempt is recorded before the
 * call (`posting_since`) and the post is tagged with the row's key; if an earlier attempt ended
 * with no recorded outcome (the process died after the platform accepted the post), the platform
 * is asked for that tagged post first and it is adopted instead of posting again. A refusal the
 * platform answered (rate limit, channel gone) proves nothing was posted and clears the mark.
 */
async function postOnce(
  deps: DeliveryDeps,
  row: MessageDeliveryRow,
  place: PostPlace,
  send: (tag: string) => Promise<PostedMessage>,
): Promise<PostedMessage> {
  if (row.posting_since) {
    const earlier = await deps.notifier.findTaggedPost(place, row.key, row.posting_since);
    if (earlier) {
      deps.log.warn(
        { key: row.key },
        'an earlier attempt had posted this message; recording it, not posting again',
      );
      return earlier;
    }
  }
  await countAttempt(deps, row.key, row.posting_since ?? new Date());
  try {
    return await send(row.key);
  } catch (error) {
    if (error instanceof DeliveryError) {
      await deps.db
        .updateTable('message_deliveries')
        .set({ posting_since: null })
        .where('key', '=', row.key)
        .execute();
    }
    throw error;
  }
}

/** A delivery that can never succeed (channel gone, bot removed): recorded, not retried. */
export async function markDeliveryFailed(deps: DeliveryDeps, key: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const failed = await deps.db
    .updateTable('message_deliveries')
    .set({ state: 'failed', last_error: message.slice(0, 500) })
    .where('key', '=', key)
    .returningAll()
    .executeTakeFirst();
  deps.log.error({ key, error: message }, 'message could not be delivered');
  // What was queued after it to the same target goes on.
  if (failed?.operation === 'post' && failed.order_key !== null) await queueNextInOrder(deps, failed);
}
