import type { ChatMessage } from './chat-message.js';
import type { ChatPlatform, ChatUser } from '../ports/chat-user.js';
import type { ChatChannel, Notifier, PostedMessage, UserDirectory } from '../ports/notifier.js';

/** Not configured: a clear error instead of a silent drop. */
function missing(platform: ChatPlatform): never {
  throw new Error(`${platform} is not configured, so I cannot deliver messages there`);
}

/** One notifier for the domain that hands each message to the right platform's notifier. */
export class NotifierByPlatform implements Notifier {
  constructor(private readonly notifiers: Partial<Record<ChatPlatform, Notifier>>) {}

  private for(platform: ChatPlatform): Notifier {
    return this.notifiers[platform] ?? missing(platform);
  }

  postToUser(user: ChatUser, message: ChatMessage): Promise<PostedMessage> {
    return this.for(user.platform).postToUser(user, message);
  }

  postToChannel(channel: ChatChannel, message: ChatMessage): Promise<PostedMessage> {
    return this.for(channel.platform).postToChannel(channel, message);
  }

  update(posted: PostedMessage, message: ChatMessage): Promise<void> {
    return this.for(posted.platform).update(posted, message);
  }

  replyInThread(posted: PostedMessage, message: ChatMessage): Promise<PostedMessage> {
    return this.for(posted.platform).replyInThread(posted, message);
  }
}

/** Same idea for looking people up. */
export class UserDirectoryByPlatform implements UserDirectory {
  constructor(private readonly directories: Partial<Record<ChatPlatform, UserDirectory>>) {}

  /** The first platform that knows someone with this e-mail (Slack, then Teams, then the sandbox). */
  async userByEmail(email: string): Promise<ChatUser | undefined> {
    for (const platform of ['slack', 'teams', 'sandbox'] as const) {
      const found = await this.directories[platform]?.userByEmail?.(email);
      if (found) return found;
    }
    return undefined;
  }

  async emailOf(user: ChatUser): Promise<string | undefined> {
    return this.directories[user.platform]?.emailOf(user);
  }
}
