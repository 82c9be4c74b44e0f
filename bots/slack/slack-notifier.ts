import type { ChatMessage } from '../../src/messages/chat-message.js';
import type { ChatUser } from '../../src/ports/chat-user.js';
import type { ChatChannel, Notifier, PostedMessage, UserDirectory } from '../../src/ports/notifier.js';
import { renderSlackMessage } from './render/render-message.js';
import type { SlackWebClient } from './slack-web-client.js';

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
    await this.client.chat.update({
      channel: posted.channel,
      ts: posted.messageId,
      ...renderSlackMessage(message),
    });
  }

  private async post(channel: string, message: ChatMessage): Promise<PostedMessage> {
    const result = await this.client.chat.postMessage({
      channel,
      ...renderSlackMessage(message),
      unfurl_links: false,
    });
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
}
