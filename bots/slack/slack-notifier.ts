import type { ChatMessage } from '../../src/messages/chat-message.js';
import type { ChatUser } from '../../src/ports/chat-user.js';
import {
  DeliveryError,
  type ChatChannel,
  type DeliveryTag,
  type Notifier,
  type PostedMessage,
  type PostPlace,
  type UserDirectory,
} from '../../src/ports/notifier.js';
import { renderSlackMessage } from './render/render-message.js';
import { deliveryMetadata, findTaggedMessage } from './tagged-messages.js';
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

  async postToUser(user: ChatUser, message: ChatMessage, tag?: DeliveryTag): Promise<PostedMessage> {
    return this.post(user.id, message, tag);
  }

  async postToChannel(channel: ChatChannel, message: ChatMessage, tag?: DeliveryTag): Promise<PostedMessage> {
    return this.post(channel.id, message, tag);
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
  async replyInThread(
    posted: PostedMessage,
    message: ChatMessage,
    tag?: DeliveryTag,
  ): Promise<PostedMessage> {
    return this.post(posted.channel, message, tag, posted.messageId);
  }

  /** Looks through the channel (or thread) history since `since` for a message carrying `tag`. */
  async findTaggedPost(place: PostPlace, tag: DeliveryTag, since: Date): Promise<PostedMessage | undefined> {
    try {
      return await findTaggedMessage(this.client, place, tag, since);
    } catch (error) {
      throw deliveryErrorFrom(error);
    }
  }

  private async post(
    channel: string,
    message: ChatMessage,
    tag: DeliveryTag | undefined,
    threadTs?: string,
  ): Promise<PostedMessage> {
    let result;
    try {
      result = await this.client.chat.postMessage({
        channel,
        ...renderSlackMessage(message),
        unfurl_links: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(tag !== undefined ? { metadata: deliveryMetadata(tag) } : {}),
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

  /** users.lookupByEmail: the Slack user with this e-mail, if the workspace has one. */
  async usersWithEmail(email: string): Promise<ChatUser[]> {
    const found = await this.client.users.lookupByEmail({ email }).catch((error: unknown) => {
      if ((error as { data?: { error?: string } }).data?.error === 'users_not_found') return undefined;
      throw error;
    });
    return found?.user?.id ? [{ platform: 'slack', id: found.user.id }] : [];
  }

  /** E-mail and the name Slack shows (real name, else display name). */
  async profileOf(user: ChatUser): Promise<{ email?: string; name?: string } | undefined> {
    if (user.platform !== 'slack') return undefined;
    const found = (await this.client.users.info({ user: user.id })).user;
    if (!found) return undefined;
    const name = found.real_name || found.profile?.real_name || found.profile?.display_name || found.name;
    return {
      ...(found.profile?.email ? { email: found.profile.email } : {}),
      ...(name ? { name } : {}),
    };
  }

  /** usergroups.users.list (scope usergroups:read): the user group's members; undefined if none such. */
  async membersOfUserGroup(group: ChatChannel): Promise<ChatUser[] | undefined> {
    if (group.platform !== 'slack') return undefined;
    const found = await this.client.usergroups.users.list({ usergroup: group.id }).catch((error: unknown) => {
      if ((error as { data?: { error?: string } }).data?.error === 'no_such_subteam') return undefined;
      throw error;
    });
    if (!found) return undefined;
    return (found.users ?? []).map((id) => ({ platform: 'slack' as const, id }));
  }

  /** The Slack user with this e-mail, if there is exactly one we can find. */
  async userByEmail(email: string): Promise<ChatUser | undefined> {
    return (await this.usersWithEmail(email).catch(() => []))[0];
  }
}
