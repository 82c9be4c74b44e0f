import type { RemediationActionRow } from '../db/tables/remediation-actions.js';
import { Conflict, NotFound } from '../errors/domain-errors.js';
import type { ChatUser } from '../ports/chat-user.js';
import { ACTION_KINDS, isActionKindName } from './action-catalog.js';
import type { ActionDeps } from './action-deps.js';
import { findAction } from './action-queries.js';
import { resolveConnectorWorkspace } from './connector-workspace.js';
import { requestAction } from './request-action.js';

/**
 * Asks for the undo of a verified action (start the cluster again, resume the schedule, remove
 * the guardrails), under the rules of the action it undoes: a new request with its own card.
 */
export async function undoAction(
  deps: ActionDeps,
  actionId: string,
  requester: ChatUser,
): Promise<RemediationActionRow> {
  const original = await findAction(deps.db, actionId);
  if (!original) throw new NotFound('I cannot find that action.');
  const undo = isActionKindName(original.kind) ? ACTION_KINDS[original.kind].undo : undefined;
  if (!undo || original.undoes_action_id)
    throw new Conflict(`\`${original.kind}\` cannot be undone from here.`);
  if (original.state !== 'succeeded')
    throw new Conflict('Only an action that was carried out can be undone.');
  if (original.undone_by_action_id)
    throw new Conflict(`It was already undone (action ${original.undone_by_action_id}).`);
  const workspace = await resolveConnectorWorkspace(deps, original.connector_id, original.workspace_url);
  return requestAction(deps, {
    requester,
    kind: undo,
    resolvedWorkspace: { ...workspace, name: original.workspace_name },
    target: original.target_id,
    undoes: original,
    ...(original.source_type && original.source_id
      ? { source: { type: original.source_type, id: original.source_id } }
      : {}),
  });
}
