import type { ChatMessage } from '../../src/messages/chat-message.js';
import type { ChatUser } from '../../src/ports/chat-user.js';
import {
  DeliveryError,
  type ChatChannel,
  type Notifier,
  type PostedMessage,
  type UserDirectory,
} from '../../src/ports/notifier.js';
import { renderSlackMessage } from './render/render-message.js';
import type { SlackWebClient } from './slack-web-client.js';

/** Slack errors that no retry can fix. */
const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'missing_scope',
  'message_not_found',
  'cant_update_message',
  'invalid_blocks',
  'msg_too_long',
]);

/** WebClient errors as the job runner understands them. */
function deliveryErrorFrom(error: unknown): unknown {
  const failure = error as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (failure.code === 'slack_webapi_rate_limited_error') {
    return new DeliveryError('Slack rate limit', false, (failure.retryAfter ?? 1) * 1000);
  }
  if (failure.code === 'slack_webapi_platform_error' && failure.data?.error) {
    return new DeliveryError(`Slack: ${failure.data.error}`, PERMANENT_ERRORS.has(failure.data.error));
  }
  return error;
}

/** Posts and updates neutral messages in Slack; each post returns its channel + ts. */
export class SlackNotifier implements Notifier {
  constructor(private readonly client: SlackWebClient) {}

  async postToUser(user: ChatUser, message: ChatMessage): Promise<PostedMessage> {
    return this.post(user.id, message);
  }

  async postToChannel(channel: ChatChannel, message: ChatMessage): Promise<PostedMessage> {
    return this.post(channel.id, message);
  }

  async update(posted: PostedMessage, message: ChatMessage): Promise<void> {
    try {
      await this.client.chat.update({
        channel: posted.channel,
        ts: posted.messageId,
        ...renderSlackMessage(message),
      });
    } catch (error) {
      throw deliveryErrorFrom(error);
    }
  }

  /** A reply under the posted message (`thread_ts`); the thread's own ts stays the parent's. */
  async replyInThread(posted: PostedMessage, message: ChatMessage): Promise<PostedMessage> {
    return this.post(posted.channel, message, posted.messageId);
  }

  private async post(channel: string, message: ChatMessage, threadTs?: string): Promise<PostedMessage> {
    let result;
    try {
      result = await this.client.chat.postMessage({
        channel,
        ...renderSlackMessage(message),
        unfurl_links: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
    } catch (error) {
      throw deliveryErrorFrom(error);
    }
    if (!result.channel || !result.ts) throw new Error('chat.postMessage returned no channel/ts');
    return { platform: 'slack', channel: result.channel, messageId: result.ts };
  }
}

/** Slack profile e-mails (users.info, scope users:read.email). */
export class SlackUserDirectory implements UserDirectory {
  constructor(private readonly client: SlackWebClient) {}

  async emailOf(user: ChatUser): Promise<string | undefined> {
    if (user.platform !== 'slack') return undefined;
    const result = await this.client.users.info({ user: user.id });
    return result.user?.profile?.email ?? undefined;
  }

  /** users.lookupByEmail; nobody (or an error) is undefined. */
  async userByEmail(email: string): Promise<ChatUser | undefined> {
    const result = await this.client.users.lookupByEmail({ email }).catch(() => undefined);
    const id = result?.user?.id;
    return id ? { platform: 'slack', id } : undefined;
  }
}
