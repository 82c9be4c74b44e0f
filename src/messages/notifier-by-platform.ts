import type { ChatMessage } from './chat-message.js';
import type { ChatPlatform, ChatUser } from '../ports/chat-user.js';
import type {
  ChatChannel,
  DeliveryTag,
  Notifier,
  PostedMessage,
  PostPlace,
  UserDirectory,
} from '../ports/notifier.js';

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

  postToUser(user: ChatUser, message: ChatMessage, tag?: DeliveryTag): Promise<PostedMessage> {
    return this.for(user.platform).postToUser(user, message, tag);
  }

  postToChannel(channel: ChatChannel, message: ChatMessage, tag?: DeliveryTag): Promise<PostedMessage> {
    return this.for(channel.platform).postToChannel(channel, message, tag);
  }

  update(posted: PostedMessage, message: ChatMessage): Promise<void> {
    return this.for(posted.platform).update(posted, message);
  }

  replyInThread(posted: PostedMessage, message: ChatMessage, tag?: DeliveryTag): Promise<PostedMessage> {
    return this.for(posted.platform).replyInThread(posted, message, tag);
  }

  findTaggedPost(place: PostPlace, tag: DeliveryTag, since: Date): Promise<PostedMessage | undefined> {
    return this.for(platformOf(place)).findTaggedPost(place, tag, since);
  }
}

function platformOf(place: PostPlace): ChatPlatform {
  if (place.kind === 'user') return place.user.platform;
  return place.kind === 'channel' ? place.channel.platform : place.parent.platform;
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

  async profileOf(user: ChatUser): Promise<{ email?: string; name?: string } | undefined> {
    return this.directories[user.platform]?.profileOf?.(user);
  }

  async membersOfUserGroup(group: ChatChannel): Promise<ChatUser[] | undefined> {
    return this.directories[group.platform]?.membersOfUserGroup?.(group);
  }

  /** The person with this e-mail on every configured platform that knows them. */
  async usersWithEmail(email: string): Promise<ChatUser[]> {
    const found: ChatUser[] = [];
    for (const directory of Object.values(this.directories)) {
      found.push(...((await directory.usersWithEmail?.(email)) ?? []));
    }
    return found;
  }
}
