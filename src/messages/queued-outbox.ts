import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { PostedMessage } from '../ports/notifier.js';
import type { ChatMessage } from './chat-message.js';
import type { Outbox, OutgoingMessage } from './outbox.js';
import { postedMessagesAbout, type MessageSubject } from './posted-messages.js';

/** Asks the job runner to deliver one outbox row (at its current revision). */
export interface DeliveryJobs {
  /**
   * `turn` tells apart a later request for the same row and revision (the row before it in its
   * order was delivered; the sweeper found it stuck); without one a repeated request runs once.
   */
  deliver(key: string, revision: number, turn?: string): Promise<void>;
}

/** The order key of a message: its own, else its subject's. */
export function orderKeyOf(outgoing: OutgoingMessage): string | null {
  if (outgoing.order !== undefined) return outgoing.order;
  return outgoing.about ? `${outgoing.about.subject.type}:${outgoing.about.subject.id}` : null;
}

/**
 * The outbox on Postgres: a row per logical message (its idempotency key) written first, then a
 * delivery job. A key seen before is not sent again.
 */
export class QueuedOutbox implements Outbox {
  constructor(
    private readonly db: Db,
    private readonly jobs: DeliveryJobs,
  ) {}

  async send(outgoing: OutgoingMessage): Promise<void> {
    const target = 'user' in outgoing.to ? outgoing.to.user : outgoing.to.channel;
    const inserted = await this.db
      .insertInto('message_deliveries')
      .values({
        key: outgoing.key,
        operation: 'post',
        platform: target.platform,
        target_kind: 'user' in outgoing.to ? 'user' : 'channel',
        target_id: target.id,
        target_message_id: null,
        message: JSON.stringify(outgoing.message),
        subject_type: outgoing.about?.subject.type ?? null,
        subject_id: outgoing.about?.subject.id ?? null,
        purpose: outgoing.about?.purpose ?? null,
        recipient: outgoing.about?.recipient ?? null,
        order_key: orderKeyOf(outgoing),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning(['key', 'revision'])
      .executeTakeFirst();
    if (inserted) await this.jobs.deliver(inserted.key, inserted.revision);
  }

  async updateCopies(subject: MessageSubject, purpose: string, message: ChatMessage): Promise<void> {
    const content = JSON.stringify(message);
    // Copies still queued will post the new content.
    await this.db
      .updateTable('message_deliveries')
      .set({ message: content, revision: sql`revision + 1` })
      .where('operation', '=', 'post')
      .where('state', '=', 'pending')
      .where('subject_type', '=', subject.type)
      .where('subject_id', '=', subject.id)
      .where('purpose', '=', purpose)
      .execute();
    // Copies already posted are edited; one update row per copy, latest content wins.
    for (const posted of await postedMessagesAbout(this.db, subject, purpose)) {
      await queueCopyUpdate(this.db, this.jobs, posted, content);
    }
  }

  async replyInThreads(
    key: string,
    subject: MessageSubject,
    purpose: string,
    message: ChatMessage,
  ): Promise<void> {
    const content = JSON.stringify(message);
    for (const posted of await postedMessagesAbout(this.db, subject, purpose)) {
      const inserted = await this.db
        .insertInto('message_deliveries')
        .values({
          key: `${key}:reply:${posted.platform}:${posted.channel}:${posted.messageId}`,
          operation: 'reply',
          platform: posted.platform,
          target_kind: 'posted',
          target_id: posted.channel,
          target_message_id: posted.messageId,
          message: content,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning(['key', 'revision'])
        .executeTakeFirst();
      if (inserted) await this.jobs.deliver(inserted.key, inserted.revision);
    }
  }
}

/** Queues an edit of one posted copy to `content` (JSON); the newest content always wins. */
export async function queueCopyUpdate(
  db: Db,
  jobs: DeliveryJobs,
  posted: PostedMessage,
  content: string,
): Promise<void> {
  const row = await db
    .insertInto('message_deliveries')
    .values({
      key: `update:${posted.platform}:${posted.channel}:${posted.messageId}`,
      operation: 'update',
      platform: posted.platform,
      target_kind: 'posted',
      target_id: posted.channel,
      target_message_id: posted.messageId,
      message: content,
    })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ message: content, state: 'pending', revision: sql`message_deliveries.revision + 1` }),
    )
    .returning(['key', 'revision'])
    .executeTakeFirstOrThrow();
  await jobs.deliver(row.key, row.revision);
}
