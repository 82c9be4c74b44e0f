import { agentScanDigestJob } from './agent-scan-digest-job.js';
import { agentScanSchedulesJob } from './agent-scan-schedules-job.js';
import { agentScanWorkspaceJob } from './agent-scan-workspace-job.js';
import { accessSweeperJob } from './access-sweeper-job.js';
import { announceEndingsJob } from './announce-endings-job.js';
import { actionsSweeperJob } from './actions-sweeper-job.js';
import { executeActionJob } from './execute-action-job.js';
import { accessReviewsJob } from './access-reviews-job.js';
import { discoverGroupsJob } from './discover-groups-job.js';
import { reviewRemovalsJob } from './review-removals-job.js';
import { applyGrantJob } from './apply-grant-job.js';
import { approvalTimeoutJob } from './approval-timeout-job.js';
import { collectRegionJob } from './collect-region-job.js';
import { collectSchedulesJob } from './collect-schedules-job.js';
import { costAlertsEvaluateJob } from './cost-alerts-evaluate-job.js';
import { costRefreshJob } from './cost-refresh-job.js';
import { deliverMessageJob } from './deliver-message-job.js';
import { expireGrantsJob } from './expire-grants-job.js';
import { expiryReminderJob } from './expiry-reminder-job.js';
import type { JobDefinition } from './job-definition.js';
import { outboxSweeperJob } from './outbox-sweeper-job.js';
import { replaySlackInteractionJob } from './replay-slack-interaction-job.js';

/**
 * Every job the runner knows: queue names and payload schemas live in each job's file,
 * and this list is the one place that registers them.
 */
export const JOB_CATALOG: readonly JobDefinition<never>[] = [
  applyGrantJob,
  expireGrantsJob,
  announceEndingsJob,
  expiryReminderJob,
  approvalTimeoutJob,
  accessSweeperJob,
  deliverMessageJob,
  outboxSweeperJob,
  collectRegionJob,
  collectSchedulesJob,
  agentScanWorkspaceJob,
  agentScanSchedulesJob,
  agentScanDigestJob,
  costRefreshJob,
  costAlertsEvaluateJob,
  replaySlackInteractionJob,
  executeActionJob,
  actionsSweeperJob,
  discoverGroupsJob,
  reviewRemovalsJob,
  accessReviewsJob,
] as JobDefinition<never>[];
