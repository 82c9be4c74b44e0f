import { InvalidInput } from '../errors/domain-errors.js';
import { ACTION_KIND_NAMES, type ActionKindName, type AnyActionKind } from './action-kind.js';
import { cancelRun } from './kinds/cancel-run.js';
import { addGuardrails, removeGuardrails } from './kinds/guardrails.js';
import { removeGroupMember } from './kinds/remove-group-member.js';
import { pauseJobSchedule, resumeJobSchedule } from './kinds/job-schedule.js';
import { startCluster } from './kinds/start-cluster.js';
import { stopWarehouse } from './kinds/stop-warehouse.js';
import { terminateCluster } from './kinds/terminate-cluster.js';

/** Every remediation action, by the name people type (`/databricks action terminate-cluster …`). */
export const ACTION_KINDS: Record<ActionKindName, AnyActionKind> = {
  'terminate-cluster': terminateCluster,
  'start-cluster': startCluster,
  'stop-warehouse': stopWarehouse,
  'pause-job-schedule': pauseJobSchedule,
  'resume-job-schedule': resumeJobSchedule,
  'cancel-run': cancelRun,
  'add-guardrails': addGuardrails,
  'remove-guardrails': removeGuardrails,
  'remove-group-member': removeGroupMember,
};

export function isActionKindName(name: string): name is ActionKindName {
  return (ACTION_KIND_NAMES as readonly string[]).includes(name);
}

export function actionKind(name: string): AnyActionKind {
  if (!isActionKindName(name)) {
    throw new InvalidInput(
      `There is no action "${name.slice(0, 40)}". Actions: ${ACTION_KIND_NAMES.join(', ')}.`,
    );
  }
  return ACTION_KINDS[name];
}
