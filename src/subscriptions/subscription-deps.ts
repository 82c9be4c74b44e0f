import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { Outbox } from '../messages/outbox.js';
import type { ChatUser } from '../ports/chat-user.js';
import type { Clock } from '../ports/clock.js';

export interface SubscriptionDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  outbox: Outbox;
  /** Only admins may subscribe or unsubscribe channels. */
  admins: ChatUser[];
}
