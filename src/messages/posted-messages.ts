import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/database.js';
import type { ChatPlatform } from '../ports/chat-user.js';
import type { PostedMessage } from '../ports/notifier.js';

export interface MessageSubject {
  type: string;
  id: string;
}

/** Remembers where a message about `subject` was posted, so it can be updated later. */
export async function rememberPostedMessage(
  db: Db | Transaction<Database>,
  subject: MessageSubject,
  purpose: string,
  posted: PostedMessage,
  recipient?: string,
): Promise<void> {
  await db
    .insertInto('posted_messages')
    .values({
      subject_type: subject.type,
      subject_id: subject.id,
      purpose,
      platform: posted.platform,
      channel: posted.channel,
      message_id: posted.messageId,
      recipient: recipient ?? null,
    })
    .onConflict((oc) => oc.columns(['platform', 'channel', 'message_id']).doNothing())
    .execute();
}

export async function postedMessagesAbout(
  db: Db,
  subject: MessageSubject,
  purpose: string,
): Promise<PostedMessage[]> {
  const rows = await db
    .selectFrom('posted_messages')
    .select(['platform', 'channel', 'message_id'])
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('purpose', '=', purpose)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    platform: row.platform as ChatPlatform,
    channel: row.channel,
    messageId: row.message_id,
  }));
}
