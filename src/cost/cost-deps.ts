import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { Outbox } from '../messages/outbox.js';
import type { Clock } from '../ports/clock.js';
import type { Alert } from '../subscriptions/publish-alert.js';
import type { CostConfig } from './config/cost-config.js';
import type { CostAlertRow } from '../db/tables/cost-alerts.js';
import type { MessageAction } from '../messages/chat-message.js';

/** Deferred work the cost domain asks the job runner to do. */
export interface CostJobs {
  /** Refresh the rollups of the marked usage dates, then evaluate the alert rules, soon. */
  refreshSoon(): Promise<void>;
}

/** Everything the cost use cases need, passed in once. */
export interface CostDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  config: CostConfig;
  outbox: Outbox;
  jobs: CostJobs;
  /** Fans an alert out to the channels subscribed to its topic. */
  publishAlert: (alert: Alert) => Promise<number>;
  /** Buttons for remediation actions that fix an active alert (src/actions); default none. */
  remediationButtons?: (row: CostAlertRow) => Promise<MessageAction[]>;
}

/** Figures for the last 24 hours are still arriving: provisional. */
export const PROVISIONAL_HOURS = 24;

export function provisionalSince(now: Date): Date {
  return new Date(now.getTime() - PROVISIONAL_HOURS * 3_600_000);
}
