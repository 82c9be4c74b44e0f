import type { RemediationActionRow } from '../db/tables/remediation-actions.js';
import { InvalidInput, NotFound } from '../errors/domain-errors.js';
import type { ChatUser } from '../ports/chat-user.js';
import { splitScopedKey } from '../cost/workspace-scoped-key.js';
import { FINDING_SUBJECT } from '../findings/finding-deps.js';
import { isActionKindName } from './action-catalog.js';
import type { ActionDeps } from './action-deps.js';
import type { ActionKindName } from './action-kind.js';
import { requestAction } from './request-action.js';
import { workspaceById, type ActionWorkspace } from './action-workspace.js';
import { resolveConnectorWorkspace } from './connector-workspace.js';

/**
 * The action a button on an alert or finding asks for: the target is read from the alert's scope
 * (an idle cluster or warehouse, a job and its run) or the finding's agent (its serving endpoint).
 */
export async function requestActionFromSource(
  deps: ActionDeps,
  requester: ChatUser,
  value: string,
): Promise<RemediationActionRow> {
  const match = /^([a-z-]+) ([a-z_]+):([0-9a-f-]{36})$/.exec(value.trim());
  if (!match || !isActionKindName(match[1]!))
    throw new InvalidInput('That button does not name an action I know.');
  const [, kind, sourceType, sourceId] = match as unknown as [string, ActionKindName, string, string];
  const { workspace, target } =
    sourceType === 'cost_alert'
      ? await fromCostAlert(deps, kind, sourceId)
      : sourceType === FINDING_SUBJECT
        ? await fromFinding(deps, sourceId)
        : (() => {
            throw new InvalidInput('That button does not name an alert or finding.');
          })();
  return requestAction(deps, {
    requester,
    kind,
    resolvedWorkspace: workspace,
    target,
    source: { type: sourceType, id: sourceId },
  });
}

async function fromCostAlert(
  deps: ActionDeps,
  kind: ActionKindName,
  alertId: string,
): Promise<{ workspace: ActionWorkspace; target: string }> {
  const alert = await deps.db
    .selectFrom('cost_alerts')
    .select(['scope_key', 'period_key'])
    .where('id', '=', alertId)
    .executeTakeFirst();
  if (!alert) throw new NotFound('I cannot find that cost alert.');
  const colon = alert.scope_key.indexOf(':');
  const { workspaceId, id } = splitScopedKey(alert.scope_key.slice(colon + 1));
  const target = kind === 'cancel-run' ? alert.period_key : id;
  if (workspaceId === '' || target === '') throw new InvalidInput('That alert does not name one resource.');
  return { workspace: await workspaceById(deps, workspaceId), target };
}

async function fromFinding(
  deps: ActionDeps,
  findingId: string,
): Promise<{ workspace: ActionWorkspace; target: string }> {
  const agent = await deps.db
    .selectFrom('security_findings as f')
    .innerJoin('agents as a', 'a.id', 'f.agent_id')
    .select(['a.name', 'a.connector_id', 'a.workspace_url', 'a.endpoint_id'])
    .where('f.id', '=', findingId)
    .executeTakeFirst();
  if (!agent) throw new NotFound('I cannot find that finding.');
  if (agent.endpoint_id === null)
    throw new InvalidInput(
      `${agent.name} is not served by an endpoint: there is no AI Gateway to put guardrails on.`,
    );
  return {
    workspace: await resolveConnectorWorkspace(deps, agent.connector_id, agent.workspace_url),
    target: agent.name,
  };
}
