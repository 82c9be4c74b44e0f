import type { ConversationReference } from 'botbuilder';
import type { Db } from '../../../src/db/database.js';

/** Remembers (or refreshes) the reference of a conversation, keyed by its id. */
export async function rememberConversation(db: Db, reference: Partial<ConversationReference>): Promise<void> {
  const conversation = reference.conversation;
  if (!conversation?.id || !reference.serviceUrl) return;
  // Without an activity id a continued conversation posts new messages instead of replies.
  const stored = { ...reference, activityId: undefined };
  const values = {
    conversation_id: conversation.id,
    conversation_type: conversation.conversationType ?? null,
    tenant_id: conversation.tenantId ?? null,
    service_url: reference.serviceUrl,
    reference: JSON.stringify(stored),
    updated_at: new Date(),
  };
  await db
    .insertInto('teams_conversations')
    .values(values)
    .onConflict((oc) =>
      oc.column('conversation_id').doUpdateSet({
        conversation_type: (eb) =>
          eb.fn.coalesce('excluded.conversation_type', 'teams_conversations.conversation_type'),
        tenant_id: (eb) => eb.fn.coalesce('excluded.tenant_id', 'teams_conversations.tenant_id'),
        service_url: values.service_url,
        reference: values.reference,
        updated_at: values.updated_at,
      }),
    )
    .execute();
}

export async function conversationReference(
  db: Db,
  conversationId: string,
): Promise<Partial<ConversationReference> | undefined> {
  const row = await db
    .selectFrom('teams_conversations')
    .select('reference')
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return row?.reference as Partial<ConversationReference> | undefined;
}

/** The most recently seen service URL and tenant (to reach a channel the bot has not seen yet). */
export async function latestServiceEndpoint(
  db: Db,
): Promise<
  { serviceUrl: string; tenantId: string | null; reference: Partial<ConversationReference> } | undefined
> {
  const row = await db
    .selectFrom('teams_conversations')
    .select(['service_url', 'tenant_id', 'reference'])
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? {
        serviceUrl: row.service_url,
        tenantId: row.tenant_id,
        reference: row.reference as Partial<ConversationReference>,
      }
    : undefined;
}
