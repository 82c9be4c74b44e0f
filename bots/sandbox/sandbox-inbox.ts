import type { ChatMessage } from '../../src/messages/chat-message.js';
import type { ChatUser } from '../../src/ports/chat-user.js';
import type { Clock } from '../../src/ports/clock.js';
import type {
  ChatChannel,
  DeliveryTag,
  Notifier,
  PostedMessage,
  PostPlace,
  UserDirectory,
} from '../../src/ports/notifier.js';

/** A person of the sandbox console. */
export interface SandboxUser {
  id: string;
  name: string;
  email: string;
  role: string;
}

/** One message in the console: in a channel, or in a person's DM (`dm:<user>`). */
export interface SandboxPost {
  id: string;
  channel: string;
  message: ChatMessage;
  /** Only this sandbox user sees it (replies to commands and clicks). */
  ephemeralFor?: string;
  /** When it was posted, on the sandbox clock. */
  at: string;
  /** An image shown under the message (a cost chart), served by the console's API. */
  image?: { url: string; alt: string };
  /** A reply in the thread of this post (its id). */
  inThreadOf?: string;
  /** The outbox key it was delivered under, so a retried delivery finds it. */
  tag?: string;
}

export const dmChannel = (userId: string) => `dm:${userId}`;

/**
 * Where the sandbox platform's messages live (in memory: the sandbox is one process). It is the
 * platform's notifier and user directory, and the console's event stream
 * follows it.
 */
export class SandboxInbox implements Notifier, UserDirectory {
  private readonly posts: SandboxPost[] = [];
  private sequence = 0;
  private readonly listeners = new Set<() => void>();
  private readonly closeListeners = new Set<() => void>();
  /** False while the demo data is still being set up (the console says so). */
  demoReady = false;

  constructor(
    readonly users: readonly SandboxUser[],
    readonly channels: readonly string[],
    private readonly clock: Clock,
  ) {}

  user(id: string): SandboxUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  add(channel: string, message: ChatMessage, ephemeralFor?: string): SandboxPost {
    this.sequence += 1;
    const post: SandboxPost = {
      id: String(this.sequence),
      channel,
      message,
      at: this.clock.now().toISOString(),
      ...(ephemeralFor ? { ephemeralFor } : {}),
    };
    this.posts.push(post);
    this.changed();
    return post;
  }

  /** Calls `listener` after every change (a post, an update, the clock, the demo becoming ready). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Ends every console event stream (the sandbox is stopping: open streams would hold the server). */
  close(): void {
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  markDemoReady(): void {
    this.demoReady = true;
    this.changed();
  }

  /** What `userId` sees: the channels, their own DM, and their own ephemeral replies. */
  visibleTo(userId: string): SandboxPost[] {
    return this.posts.filter(
      (post) =>
        (post.channel === dmChannel(userId) || !post.channel.startsWith('dm:')) &&
        (post.ephemeralFor === undefined || post.ephemeralFor === userId),
    );
  }

  async postToUser(user: ChatUser, message: ChatMessage, tag?: DeliveryTag): Promise<PostedMessage> {
    return this.posted(this.tagged(this.add(dmChannel(user.id), message), tag));
  }

  async postToChannel(channel: ChatChannel, message: ChatMessage, tag?: DeliveryTag): Promise<PostedMessage> {
    return this.posted(this.tagged(this.add(channel.id, message), tag));
  }

  async update(posted: PostedMessage, message: ChatMessage): Promise<void> {
    const post = this.posts.find((p) => p.id === posted.messageId && p.channel === posted.channel);
    if (post) {
      post.message = message;
      this.changed();
    }
  }

  async replyInThread(
    posted: PostedMessage,
    message: ChatMessage,
    tag?: DeliveryTag,
  ): Promise<PostedMessage> {
    const reply = this.tagged(this.add(posted.channel, message), tag);
    reply.inThreadOf = posted.messageId;
    return this.posted(reply);
  }

  async findTaggedPost(_place: PostPlace, tag: DeliveryTag): Promise<PostedMessage | undefined> {
    const post = this.posts.find((p) => p.tag === tag);
    return post && this.posted(post);
  }

  private tagged(post: SandboxPost, tag: DeliveryTag | undefined): SandboxPost {
    if (tag !== undefined) post.tag = tag;
    return post;
  }

  async emailOf(user: ChatUser): Promise<string | undefined> {
    return this.user(user.id)?.email;
  }

  async userByEmail(email: string): Promise<ChatUser | undefined> {
    const found = this.users.find((user) => user.email.toLowerCase() === email.toLowerCase());
    return found && { platform: 'sandbox', id: found.id };
  }

  private posted(post: SandboxPost): PostedMessage {
    return { platform: 'sandbox', channel: post.channel, messageId: post.id };
  }
}
