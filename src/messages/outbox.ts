import type { ChatUser } from '../ports/chat-user.js';
import type { ChatChannel } from '../ports/notifier.js';
import type { ChatMessage } from './chat-message.js';
import type { MessageSubject } from './posted-messages.js';

/** One logical chat message the domain wants delivered. */
export interface OutgoingMessage {
  /** Idempotency key: the same key is delivered once, however often it is sent or retried. */
  key: string;
  to: { user: ChatUser } | { channel: ChatChannel };
  message: ChatMessage;
  /** Remember where it was posted, so `updateCopies` can edit it later. */
  about?: { subject: MessageSubject; purpose: string; recipient?: string };
  /**
   * Messages with the same order key to the same recipient are delivered in the order they were
   * sent, one at a time (a region's health changes, an alert's notifications). Defaults to the
   * `about` subject.
   */
  order?: string;
}

/**
 * How the domain sends chat messages: it hands them to the outbox and moves on; delivery (with
 * retries and rate limits) happens on the job runner.
 */
export interface Outbox {
  send(message: OutgoingMessage): Promise<void>;
  /** Every copy about `subject` for `purpose` shows `message`: posted ones are edited, queued ones will post it. */
  updateCopies(subject: MessageSubject, purpose: string, message: ChatMessage): Promise<void>;
  /**
   * Replies with `message` in the thread of every posted copy about `subject` for `purpose`, once
   * per copy for the idempotency `key`. Copies not posted yet get no reply (they will post the
   * latest content anyway).
   */
  replyInThreads(key: string, subject: MessageSubject, purpose: string, message: ChatMessage): Promise<void>;
}
