import { CardFactory, MessageFactory, TurnContext, type ConversationReference } from 'botbuilder';
import type { Db } from '../../src/db/database.js';
import type { ChatMessage } from '../../src/messages/chat-message.js';
import type { ChatUser } from '../../src/ports/chat-user.js';
import {
  DeliveryError,
  type ChatChannel,
  type Notifier,
  type PostedMessage,
  type PostPlace,
  type UserDirectory,
} from '../../src/ports/notifier.js';
import { refreshOptionsFor } from './render/card-refresh.js';
import { renderAdaptiveCard } from './render/render-card.js';
import { conversationReference, latestServiceEndpoint } from './store/teams-conversations.js';
import { teamsUserByEmail } from './store/teams-users.js';
import type { TeamsConnection } from './teams-adapter.js';
import { deliveryErrorFrom } from './teams-delivery-errors.js';
import { openPersonalChat } from './teams-personal-chat.js';

/** Nobody can be reached: the bot has never met the person (or any conversation). Not retried. */
const unreachable = (why: string) => new DeliveryError(why, true);

/**
 * Posts and updates neutral messages in Teams as Adaptive Cards, proactively, through the stored
 * conversation references. A post returns the conversation id and the new activity's id.
 */
export class TeamsNotifier implements Notifier {
  constructor(
    private readonly connection: TeamsConnection,
    private readonly db: Db,
  ) {}

  async postToUser(user: ChatUser, message: ChatMessage): Promise<PostedMessage> {
    const person = await teamsUserByEmail(this.db, user.id);
    if (!person) {
      throw unreachable(
        `no Teams user with the e-mail ${user.id} has talked to the bot yet, so it cannot message them`,
      );
    }
    const reference = person.personal_conversation_id
      ? await conversationReference(this.db, person.personal_conversation_id)
      : undefined;
    if (reference) return this.post(reference, message);
    const opened = await openPersonalChat(this.connection, this.db, person).catch((error: unknown) => {
      throw deliveryErrorFrom(error);
    });
    return this.post(opened, message);
  }

  async postToChannel(channel: ChatChannel, message: ChatMessage): Promise<PostedMessage> {
    return this.post(await this.referenceFor(channel.id), message);
  }

  async update(posted: PostedMessage, message: ChatMessage): Promise<void> {
    const card = renderAdaptiveCard(message, await refreshOptionsFor(this.db, message));
    await this.continue(await this.referenceFor(posted.channel), async (context) => {
      await context.updateActivity({
        type: 'message',
        id: posted.messageId,
        attachments: [CardFactory.adaptiveCard(card)],
      });
    });
  }

  /**
   * A reply to the card's activity (the Bot Connector's reply-to-activity call), which Teams shows
   * in the card's conversation thread.
   */
  async replyInThread(posted: PostedMessage, message: ChatMessage): Promise<PostedMessage> {
    return this.post(await this.referenceFor(posted.channel), message, posted.messageId);
  }

  /**
   * The Bot Connector cannot list a conversation's activities, so an earlier post cannot be found:
   * a retry after a crash between posting and recording may post again (at least once in Teams).
   */
  async findTaggedPost(_place: PostPlace, _tag: string, _since: Date): Promise<PostedMessage | undefined> {
    return undefined;
  }

  private async post(
    reference: Partial<ConversationReference>,
    message: ChatMessage,
    replyToId?: string,
  ): Promise<PostedMessage> {
    const card = renderAdaptiveCard(message, await refreshOptionsFor(this.db, message));
    let activityId: string | undefined;
    await this.continue(reference, async (context) => {
      const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      if (replyToId) {
        // sendActivity would answer the continuation event; a thread reply names its parent.
        const parent = { ...TurnContext.getConversationReference(context.activity), activityId: replyToId };
        const [sent] = await context.adapter.sendActivities(context, [
          TurnContext.applyConversationReference(activity, parent),
        ]);
        activityId = sent?.id;
        return;
      }
      const sent = await context.sendActivity(activity);
      activityId = sent?.id;
    });
    if (!activityId) throw new Error('the Bot Connector returned no activity id for the posted card');
    return { platform: 'teams', channel: reference.conversation!.id, messageId: activityId };
  }

  /**
   * A conversation we have seen; for a channel we have not (a `teams_channel` in the policy), the
   * channel id with the service URL and tenant we saw last: the bot may post wherever it is installed.
   */
  private async referenceFor(conversationId: string): Promise<Partial<ConversationReference>> {
    const stored = await conversationReference(this.db, conversationId);
    if (stored) return stored;
    const latest = await latestServiceEndpoint(this.db);
    if (!latest) {
      throw unreachable(
        `the bot has not seen any Teams conversation yet, so it cannot post in ${conversationId}`,
      );
    }
    return {
      ...latest.reference,
      conversation: {
        id: conversationId,
        isGroup: true,
        conversationType: 'channel',
        tenantId: latest.tenantId ?? undefined,
        name: '',
      },
    };
  }

  private async continue(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    try {
      await this.connection.adapter.continueConversationAsync(this.connection.botAppId, reference, logic);
    } catch (error) {
      throw deliveryErrorFrom(error);
    }
  }
}

/** Teams people are known by their e-mail address, so their e-mail is their id. */
export class TeamsUserDirectory implements UserDirectory {
  constructor(private readonly db: Db) {}

  /** Someone the bot has met in Teams under this e-mail. */
  async userByEmail(email: string): Promise<ChatUser | undefined> {
    const seen = await teamsUserByEmail(this.db, email);
    return seen ? { platform: 'teams', id: email.toLowerCase() } : undefined;
  }

  async emailOf(user: ChatUser): Promise<string | undefined> {
    return user.platform === 'teams' ? user.id.toLowerCase() : undefined;
  }

  /** A Teams person the bot has met, by e-mail (which is also their id). */
  async usersWithEmail(email: string): Promise<ChatUser[]> {
    const known = await teamsUserByEmail(this.db, email);
    return known ? [{ platform: 'teams', id: email.toLowerCase() }] : [];
  }
}
