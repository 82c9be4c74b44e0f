import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { ChatUser } from '../ports/chat-user.js';
import type { Clock } from '../ports/clock.js';
import type { DatabricksAccountPort } from '../ports/databricks-account.js';
import type { Outbox } from '../messages/outbox.js';
import type { Alert } from '../subscriptions/publish-alert.js';
import type { UserDirectory } from '../ports/notifier.js';
import type { AccessPolicy } from './policy/access-policy.js';
import type { PeopleDirectory } from '../people/people-directory.js';
import type { ApproverGroupMembers } from './approver-group-members.js';

/** Deferred work the access domain asks the job runner to do. */
export interface AccessJobs {
  applyGrant(requestId: string): Promise<void>;
  /** Runs the expiry pass at `at` (now or later). */
  expireAt(requestId: string, at: Date): Promise<void>;
  /** Announces the grants that ended and are not announced yet (in a job of its own). */
  announceEndings(): Promise<void>;
  remindAt(requestId: string, at: Date): Promise<void>;
  timeOutAt(requestId: string, at: Date): Promise<void>;
}

/** Everything the access use cases need, passed in once. */
export interface AccessDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  policy: AccessPolicy;
  databricks: DatabricksAccountPort;
  directory: UserDirectory;
  outbox: Outbox;
  jobs: AccessJobs;
  /** People who may revoke anyone's grant. */
  admins: ChatUser[];
  /** Display names and other-platform ids of the people messages name (none: ids only). */
  people?: PeopleDirectory;
  /** Members of approver groups (Databricks account groups, Slack user groups), cached per process. */
  approverGroups?: ApproverGroupMembers;
  /** Fans an alert out to the channels subscribed to its topic. */
  publishAlert: (alert: Alert) => Promise<number>;
}

/** How long before expiry the requester is warned. */
export const EXPIRY_WARNING_SECONDS = 10 * 60;

/**
 * A grant gets the "ends soon" warning only when it lasts more than twice the warning's lead:
 * a shorter one would be warned at (or right after) "active", with no time to act on it.
 */
export function deservesExpiryWarning(grant: { starts_at: Date | null; ends_at: Date | null }): boolean {
  if (!grant.starts_at || !grant.ends_at) return false;
  return grant.ends_at.getTime() - grant.starts_at.getTime() > 2 * EXPIRY_WARNING_SECONDS * 1000;
}
