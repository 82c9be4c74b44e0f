import { randomUUID } from 'node:crypto';
import { addSeconds } from 'date-fns';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { RemediationActionRow } from '../db/tables/remediation-actions.js';
import { openConnectorWorkspace } from '../connectors/region-workspace.js';
import { AccessDenied, Conflict, InvalidInput } from '../errors/domain-errors.js';
import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import { controlCharacterIn } from '../text/typed-text.js';
import { actionKind } from './action-catalog.js';
import type { ActionDeps } from './action-deps.js';
import {
  ACCOUNT_SCOPE,
  durationText,
  isAccountKind,
  type ActionKindName,
  type ObservedResource,
} from './action-kind.js';
import { announceAction, notifyActionApprovers } from './action-notifications.js';
import { snapshotOfPolicy, type ActionPreview } from './action-snapshot.js';
import { resolveActionWorkspace, type ActionWorkspace } from './action-workspace.js';
import {
  autoApprovalRule,
  findActionPolicy,
  mayRequestAction,
  type ActionAutoApproveRule,
} from './policy/action-policy.js';

export interface ActionRequestInput {
  requester: ChatUser;
  kind: string;
  /** As typed (a workspace name or id, or a connector's name), unless `resolvedWorkspace` is given. */
  workspace?: string;
  resolvedWorkspace?: ActionWorkspace;
  /** Cluster id, warehouse id, job id, run id or endpoint name; `<group>/<e-mail>` for account actions. */
  target: string;
  reason?: string;
  /** The alert or finding whose button asked for it. */
  source?: { type: string; id: string };
  /** This request undoes an earlier action (its policy applies). */
  undoes?: RemediationActionRow;
}

const UNIQUE_VIOLATION = '23505';
export const AUTO_APPROVER = 'system:auto-approve';
const MAX_REASON = 1_000;

/**
 * Files a remediation action: the policy says whether this person may ask, the workspace's
 * connector must allow writes, and the resource is read live: gone, or already as the action
 * would leave it, is refused before anything is stored. The card shows that live state and the
 * change; an auto-approve rule sends it straight to the worker, otherwise to the approvers.
 */
export async function requestAction(
  deps: ActionDeps,
  input: ActionRequestInput,
): Promise<RemediationActionRow> {
  const kind = actionKind(input.kind.trim().toLowerCase());
  const governing: ActionKindName = (input.undoes?.kind as ActionKindName | undefined) ?? kind.name;
  const policy = findActionPolicy(deps.policies(), governing);
  if (!policy) {
    throw new AccessDenied(
      `No policy allows \`${kind.name}\`: the policy file's \`actions:\` section does not list it.`,
    );
  }
  if (!mayRequestAction(policy, input.requester)) {
    throw new AccessDenied(`You are not allowed to request \`${governing}\`. Ask one of its approvers.`);
  }
  const reason = (input.reason ?? '').trim();
  if (reason.length > MAX_REASON)
    throw new InvalidInput(`The reason is too long (at most ${MAX_REASON} characters).`);
  const control = controlCharacterIn(reason + input.target);
  if (control !== undefined) {
    throw new InvalidInput(
      `That contains an invisible control character (${control}); retype it without pasting.`,
    );
  }
  const target = input.target.trim();
  if (target === '' || target.length > 200) throw new InvalidInput(`Name the ${kind.resource} by its id.`);
  // An account action (a group's member) changes no workspace: no connector, no workspace to name.
  const workspace = isAccountKind(kind)
    ? undefined
    : (input.resolvedWorkspace ?? (await resolveActionWorkspace(deps, input.workspace ?? '')));
  const scope = workspace
    ? { url: workspace.url, name: workspace.name, connectorId: workspace.connector.id }
    : { ...ACCOUNT_SCOPE, connectorId: null };
  const now = deps.clock.now();
  const observed = await observeNow(deps, workspace, kind.name, target, now);
  const done = kind.alreadyDone(observed);
  if (done) throw new Conflict(`${done} Nothing was requested.`);

  const requester = formatChatUser(input.requester);
  const rule = autoApprovalRule(policy, {
    requester: input.requester,
    workspaceName: scope.name,
    ...(observed.idleSeconds !== undefined ? { idleSeconds: observed.idleSeconds } : {}),
  });
  const autoApprovedBy = rule ? describeRule(rule) : undefined;
  const preview: ActionPreview = {
    resource: observed.label,
    summary: observed.summary,
    state: observed.state,
    change: kind.change(observed),
  };
  let row: RemediationActionRow;
  try {
    row = await deps.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('remediation_actions')
        .values({
          id: randomUUID(),
          kind: kind.name,
          connector_id: scope.connectorId,
          workspace_url: scope.url,
          workspace_name: scope.name,
          target_id: observed.targetId ?? target,
          target_label: observed.label,
          requester,
          reason,
          state: rule ? 'approved' : 'pending',
          min_approvals: policy.minApprovals,
          policy: JSON.stringify(snapshotOfPolicy(policy, autoApprovedBy)),
          auto_approved: rule !== undefined,
          preview: JSON.stringify(preview),
          source_type: input.source?.type ?? null,
          source_id: input.source?.id ?? null,
          undoes_action_id: input.undoes?.id ?? null,
          created_at: now,
          approval_deadline: addSeconds(now, policy.approvalTimeoutSeconds),
          ...(rule ? { decided_at: now, decided_by: AUTO_APPROVER } : {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAuditEvent(trx, {
        actor: requester,
        action: 'action.requested',
        subjectType: 'remediation_action',
        subjectId: inserted.id,
        after: { state: 'pending', kind: kind.name, workspace: scope.name, target, preview },
        details: { source: input.source, undoes: input.undoes?.id, reason: reason || undefined },
        at: now,
      });
      if (rule) {
        await recordAuditEvent(trx, {
          actor: AUTO_APPROVER,
          action: 'action.approved',
          subjectType: 'remediation_action',
          subjectId: inserted.id,
          before: { state: 'pending' },
          after: { state: 'approved' },
          details: { rule: autoApprovedBy },
          at: now,
        });
      }
      return inserted;
    });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      throw new Conflict(
        `There is already an open \`${kind.name}\` request for ${observed.label} in ${scope.name}.`,
      );
    }
    throw error;
  }
  deps.log.info({ actionId: row.id, kind: kind.name, autoApproved: row.auto_approved }, 'action requested');
  if (row.state === 'approved') {
    await deps.jobs.execute(row.id);
    await announceAction(deps, row);
    return row;
  }
  await notifyActionApprovers(deps, row);
  await announceAction(deps, row);
  return row;
}

/**
 * The resource as Databricks has it now, read with the connector's service principal (or, for an
 * account action, through the access engine's account client; `workspace` is then undefined).
 */
export async function observeNow(
  deps: ActionDeps,
  workspace: Pick<ActionWorkspace, 'url' | 'connector'> | undefined,
  kindName: ActionKindName,
  target: string,
  now: Date,
): Promise<ObservedResource> {
  const kind = actionKind(kindName);
  if (isAccountKind(kind)) return kind.observe(deps.access, target, now);
  if (!workspace) throw new Error(`${kindName} needs a workspace`);
  const api = openConnectorWorkspace(deps.connectors, workspace.connector, workspace.url);
  try {
    return await kind.observe(api, target, now);
  } finally {
    await api.close().catch(() => undefined);
  }
}

function describeRule(rule: ActionAutoApproveRule): string {
  const parts = [
    ...(rule.idleForMoreThanSeconds !== undefined
      ? [`idle for more than ${durationText(rule.idleForMoreThanSeconds)}`]
      : []),
    ...(rule.workspaces ? [`in ${rule.workspaces.join(' or ')}`] : []),
    ...(rule.requesterUsers ? ['requested by a listed person'] : []),
  ];
  return parts.join(', ');
}
