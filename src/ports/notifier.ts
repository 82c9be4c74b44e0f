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
 * How the domain talks to people: post to a person, post to a channel, update what was posted,
 * reply in the thread of what was posted (Slack `thread_ts`, a Teams reply to the card's activity).
 */
export interface Notifier {
  postToUser(user: ChatUser, message: ChatMessage): Promise<PostedMessage>;
  postToChannel(channel: ChatChannel, message: ChatMessage): Promise<PostedMessage>;
  update(posted: PostedMessage, message: ChatMessage): Promise<void>;
  replyInThread(posted: PostedMessage, message: ChatMessage): Promise<PostedMessage>;
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
  /** The person with this e-mail on this platform, when the platform can tell. */
  userByEmail?(email: string): Promise<ChatUser | undefined>;
}
