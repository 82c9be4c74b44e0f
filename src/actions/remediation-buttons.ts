import type { CostAlertRow } from '../db/tables/cost-alerts.js';
import type { MessageAction } from '../messages/chat-message.js';
import { ACTION_KINDS } from './action-catalog.js';
import type { ActionDeps } from './action-deps.js';
import type { ActionKindName } from './action-kind.js';
import { ACTION_BUTTONS, sourceButtonValue } from './action-messages.js';
import { workspaceById } from './action-workspace.js';
import { findActionPolicy } from './policy/action-policy.js';

/** The actions that fix what a cost alert is about, by its scope. */
function kindsFor(row: CostAlertRow): ActionKindName[] {
  if (row.scope_key.startsWith('cluster:')) return ['terminate-cluster'];
  if (row.scope_key.startsWith('warehouse:')) return ['stop-warehouse'];
  if (row.scope_key.startsWith('job:') && row.rule_kind === 'job_run_cost_spike')
    return ['pause-job-schedule', 'cancel-run'];
  return [];
}

/**
 * Buttons for the actions the policy allows on an active cost alert, where the workspace's
 * connector has write access: a button that could only be refused is not shown.
 */
export async function costAlertRemediations(deps: ActionDeps, row: CostAlertRow): Promise<MessageAction[]> {
  const kinds = kindsFor(row).filter((kind) => findActionPolicy(deps.policies(), kind));
  if (kinds.length === 0) return [];
  const workspaceId = row.scope_key.slice(row.scope_key.indexOf(':') + 1).split('/')[0] ?? '';
  try {
    await workspaceById(deps, workspaceId);
  } catch {
    return [];
  }
  return kinds.map((kind) => ({
    id: ACTION_BUTTONS.request,
    label: ACTION_KINDS[kind].title,
    value: sourceButtonValue(kind, 'cost_alert', row.id),
    style: 'danger' as const,
    confirm: {
      title: `${ACTION_KINDS[kind].title}?`,
      text: 'This files a request with the live state and the change; it runs once approved under the actions policy.',
      goAhead: 'Request it',
    },
  }));
}
