import { TeamsInfo, TurnContext, type ConversationReference } from 'botbuilder';
import type { Db } from '../../../src/db/database.js';
import { AccessDenied } from '../../../src/errors/domain-errors.js';
import type { Logger } from '../../../src/logging/logger.js';
import type { ChatUser } from '../../../src/ports/chat-user.js';
import { rememberConversation } from '../store/teams-conversations.js';
import { rememberTeamsUser, teamsUserById } from '../store/teams-users.js';

/** A channel thread (`19:…@thread.tacv2;messageid=…`) lives in its channel (`19:…@thread.tacv2`). */
export function conversationIdOf(id: string): string {
  return id.split(';')[0]!;
}

/** The conversation reference of this turn, keyed by the channel rather than the thread. */
export function referenceOf(context: TurnContext): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(context.activity);
  if (!reference.conversation) return reference;
  return {
    ...reference,
    conversation: { ...reference.conversation, id: conversationIdOf(reference.conversation.id) },
  };
}

const isPerson = (context: TurnContext) => {
  const { from, recipient } = context.activity;
  return (
    Boolean(from?.id) && from.id !== recipient?.id && (from.id.startsWith('29:') || Boolean(from.aadObjectId))
  );
};

/**
 * Runs first on every turn: stores the conversation reference (so proactive messages work after a
 * restart) and the person who acted, with their e-mail from the conversation members API the
 * first time we meet them. A failed lookup is logged; the turn goes on.
 */
export async function rememberTurn(context: TurnContext, db: Db, log: Logger): Promise<void> {
  const { activity } = context;
  await rememberConversation(db, referenceOf(context));
  if (!isPerson(context)) return;
  const personal = activity.conversation?.conversationType === 'personal';
  const known = await teamsUserById(db, activity.from.id);
  let email = known?.email ?? undefined;
  if (!email) {
    try {
      const member = await TeamsInfo.getMember(context, activity.from.id);
      email = member.email ?? member.userPrincipalName ?? undefined;
    } catch (error) {
      log.warn({ err: error, teamsUserId: activity.from.id }, 'could not look up the Teams member');
    }
  }
  await rememberTeamsUser(db, {
    teamsUserId: activity.from.id,
    aadObjectId: activity.from.aadObjectId,
    email,
    name: activity.from.name,
    tenantId: activity.conversation?.tenantId ?? (activity.channelData as TeamsChannelData)?.tenant?.id,
    serviceUrl: activity.serviceUrl,
    personalConversationId: personal ? activity.conversation.id : undefined,
  });
}

interface TeamsChannelData {
  tenant?: { id?: string };
}

/** The person behind this turn as the domain knows them: `teams:<lower-case e-mail>`. */
export async function personOf(context: TurnContext, db: Db): Promise<ChatUser> {
  const known = await teamsUserById(db, context.activity.from?.id ?? '');
  if (!known?.email) {
    throw new AccessDenied(
      'I could not read your e-mail address from Teams, so I cannot find your Databricks user.',
    );
  }
  return { platform: 'teams', id: known.email };
}

/** The first person @mentioned in the message (other than the bot), by their e-mail from Teams. */
export async function mentionedPerson(
  context: TurnContext,
  db: Db,
  log: Logger,
): Promise<ChatUser | undefined> {
  const mentioned = (context.activity.entities ?? [])
    .filter((entity) => entity.type === 'mention')
    .map((entity) => (entity as { mentioned?: { id?: string } }).mentioned?.id)
    .find((id): id is string => Boolean(id) && id !== context.activity.recipient?.id);
  if (!mentioned) return undefined;
  const known = await teamsUserById(db, mentioned);
  if (known?.email) return { platform: 'teams', id: known.email };
  try {
    const member = await TeamsInfo.getMember(context, mentioned);
    const email = member.email ?? member.userPrincipalName;
    if (!email) return undefined;
    await rememberTeamsUser(db, {
      teamsUserId: mentioned,
      aadObjectId: member.aadObjectId,
      email,
      name: member.name,
    });
    return { platform: 'teams', id: email.toLowerCase() };
  } catch (error) {
    log.warn({ err: error, teamsUserId: mentioned }, 'could not look up the mentioned Teams member');
    return undefined;
  }
}
