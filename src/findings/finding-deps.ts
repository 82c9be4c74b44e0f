import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { Outbox } from '../messages/outbox.js';
import type { ChatUser } from '../ports/chat-user.js';
import type { Clock } from '../ports/clock.js';
import type { SubscriptionDeps } from '../subscriptions/subscription-deps.js';

/** What the finding use cases need, built once per process in src/runtime/build-services.ts. */
export interface FindingDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  outbox: Outbox;
  /** Findings go to the channels subscribed to `security`. */
  subscriptions: SubscriptionDeps;
  /** Security responders and admins: the only people who may mute a rule or mark a false positive. */
  responders: ChatUser[];
}

/** Posted copies of a finding are filed under this subject, so later changes edit them. */
export const FINDING_SUBJECT = 'security_finding';
export const FINDING_PURPOSE = 'finding';

export const findingSubject = (id: string) => ({ type: FINDING_SUBJECT, id });
