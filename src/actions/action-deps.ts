import type { AccessDeps } from '../access/access-deps.js';
import type { ConnectorDeps } from '../connectors/connector-deps.js';
import type { CostDeps } from '../cost/cost-deps.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { Outbox } from '../messages/outbox.js';
import type { ChatUser } from '../ports/chat-user.js';
import type { Clock } from '../ports/clock.js';
import type { ActionPolicy } from './policy/action-policy.js';

/** Deferred work the actions domain asks the job runner to do. */
export interface ActionJobs {
  /** Executes an approved action (now), on the worker. */
  execute(actionId: string): Promise<void>;
}

/** How the executor retries and waits; tests shorten them. */
export interface ActionExecutionSettings {
  /** How long an attempt owns a recorded call (its lease); a later attempt waits it out. */
  leaseMs: number;
  /** Reads of a settling resource (TERMINATING…) before giving up the wait and trying later. */
  settleReads: number;
  settleReadDelayMs: number;
}

export const DEFAULT_EXECUTION_SETTINGS: ActionExecutionSettings = {
  leaseMs: 30_000,
  settleReads: 10,
  settleReadDelayMs: 1_000,
};

/** Everything the action use cases need, passed in once. */
export interface ActionDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The policy file's `actions:` rules (read when used, so a reload takes effect). */
  policies(): ActionPolicy[];
  /** Opens the connector's workspace as its service principal. */
  connectors: Pick<ConnectorDeps, 'secrets' | 'workspaces' | 'db'>;
  /** The access engine (account SCIM client, policy groups, membership records): account actions. */
  access: AccessDeps;
  outbox: Outbox;
  jobs: ActionJobs;
  /** The cost domain: an alert resolved by an action is re-evaluated. */
  cost: CostDeps;
  admins: ChatUser[];
  execution: ActionExecutionSettings;
}
