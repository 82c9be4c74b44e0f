import type { ChatMessage } from '../messages/chat-message.js';
import type { ChatPlatform, ChatUser } from './chat-user.js';

/** A channel on one chat platform. */
export interface ChatChannel {
  platform: ChatPlatform;
  id: string;
}

/** Where a posted message lives, so it can be updated later (Slack: channel + ts). */
export interface PostedMessage {
  platform: ChatPlatform;
  channel: string;
  messageId: string;
}

/**
 * The outbox key a post carries onto the platform (Slack: message metadata), so a retry after a
 * crash between posting and recording can find its own earlier post instead of posting twice.
 */
export type DeliveryTag = string;

/** Where a tagged post would be: a person's DM, a channel, or the thread of a posted message. */
export type PostPlace =
  | { kind: 'user'; user: ChatUser }
  | { kind: 'channel'; channel: ChatChannel }
  | { kind: 'thread'; parent: PostedMessage };

/**
 * How the domain talks to people: post to a person, post to a channel, update what was posted,
 * reply in the thread of what was posted (Slack `thread_ts`, a Teams reply to the card's activity).
 */
export interface Notifier {
  postToUser(user: ChatUser, message: ChatMessage, tag?: DeliveryTag): Promise<PostedMessage>;
  postToChannel(channel: ChatChannel, message: ChatMessage, tag?: DeliveryTag): Promise<PostedMessage>;
  update(posted: PostedMessage, message: ChatMessage): Promise<void>;
  replyInThread(posted: PostedMessage, message: ChatMessage, tag?: DeliveryTag): Promise<PostedMessage>;
  /**
   * The post this bot made at `place` under `tag` since `since`, if the platform can tell;
   * undefined when there is none, or when the platform offers no way to look (Teams' Bot Connector
   * cannot list a conversation's activities).
   */
  findTaggedPost(place: PostPlace, tag: DeliveryTag, since: Date): Promise<PostedMessage | undefined>;
}

/**
 * Why a delivery failed, in terms the job runner acts on: wait and try again (rate limited),
 * retry with backoff, or give up (`permanent`: channel gone, bot not a member, bad token).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Looks people up on their chat platform. */
export interface UserDirectory {
  /** The person's e-mail address as their chat platform knows it, or undefined. */
  emailOf(user: ChatUser): Promise<string | undefined>;
  /** Their e-mail and display name, where the platform can tell both (Slack users.info). */
  profileOf?(user: ChatUser): Promise<{ email?: string; name?: string } | undefined>;
  /** The person with this e-mail on the platform(s), for policies that name people by e-mail. */
  usersWithEmail?(email: string): Promise<ChatUser[]>;
  /** The person with this e-mail on this platform, when the platform can tell. */
  userByEmail?(email: string): Promise<ChatUser | undefined>;
  /**
   * The members of a user group on its platform (a Slack user group id, S…), or undefined when the
   * platform has no such group.
   */
  membersOfUserGroup?(group: ChatChannel): Promise<ChatUser[] | undefined>;
}
