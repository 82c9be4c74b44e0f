import { assertReadableReason } from '../access/decide-request.js';
import { formatTime } from '../access/access-messages.js';
import { mayApprove, sameUser } from '../access/policy/policy-decisions.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { RemediationActionRow } from '../db/tables/remediation-actions.js';
import { AccessDenied, Conflict, NotFound } from '../errors/domain-errors.js';
import { formatChatUser, parseChatUser, type ChatUser } from '../ports/chat-user.js';
import type { ActionDeps } from './action-deps.js';
import { actionStatus } from './action-messages.js';
import { announceAction } from './action-notifications.js';
import { approvalsOfAction, findAction } from './action-queries.js';
import { actionApproversOf } from './action-snapshot.js';

export interface ActionDecision {
  actionId: string;
  approver: ChatUser;
  decision: 'approve' | 'deny';
  reason?: string;
}

export interface ActionDecisionResult {
  action: RemediationActionRow;
  /** `recorded`: an approval counted, more are needed. */
  outcome: 'approved' | 'denied' | 'recorded';
  approvals: number;
}

/** Before anything else: this person may decide this action now (never their own request). */
export async function assertMayDecideAction(
  deps: Pick<ActionDeps, 'db'>,
  actionId: string,
  approver: ChatUser,
): Promise<RemediationActionRow> {
  const action = await findAction(deps.db, actionId);
  if (!action) throw new NotFound('I cannot find that action request.');
  if (sameUser(approver, parseChatUser(action.requester)))
    throw new AccessDenied('You cannot approve or deny your own action request.');
  if (!mayApprove({ approvers: actionApproversOf(action) }, approver))
    throw new AccessDenied(`You are not an approver for \`${action.kind}\`.`);
  if (action.state !== 'pending')
    throw new Conflict(`That action is no longer pending. ${actionStatus(action)}.`);
  return action;
}

/**
 * One approver's decision, counted with the action row locked: a double click or two approvers
 * at once make one transition. Enough distinct approvals (N of M) send it to the worker; one
 * denial ends it. Every copy of the card shows the result.
 */
export async function decideAction(
  deps: ActionDeps,
  decision: ActionDecision,
): Promise<ActionDecisionResult> {
  assertReadableReason(decision.reason);
  await assertMayDecideAction(deps, decision.actionId, decision.approver);
  const approver = formatChatUser(decision.approver);
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const action = await trx
      .selectFrom('remediation_actions')
      .selectAll()
      .where('id', '=', decision.actionId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (action.state !== 'pending')
      throw new Conflict(`That action is no longer pending. ${actionStatus(action)}.`);
    const earlier = await approvalsOfAction(trx, action.id);
    const mine = earlier.find((a) => a.approver === approver);
    if (mine) {
      throw new Conflict(
        `You already ${mine.decision === 'approve' ? 'approved' : 'denied'} this action at ${formatTime(mine.decided_at)}; it needs another approver.`,
      );
    }
    await trx
      .insertInto('remediation_action_approvals')
      .values({
        action_id: action.id,
        approver,
        decision: decision.decision,
        reason: decision.reason ?? null,
        decided_at: now,
      })
      .execute();
    const approvals =
      earlier.filter((a) => a.decision === 'approve').length + (decision.decision === 'approve' ? 1 : 0);
    const outcome: ActionDecisionResult['outcome'] =
      decision.decision === 'deny' ? 'denied' : approvals >= action.min_approvals ? 'approved' : 'recorded';
    let updated = action;
    if (outcome !== 'recorded') {
      updated = await trx
        .updateTable('remediation_actions')
        .set({
          state: outcome,
          decided_at: now,
          decided_by: approver,
          deny_reason: outcome === 'denied' ? decision.reason?.trim() || null : null,
        })
        .where('id', '=', action.id)
        .where('state', '=', 'pending')
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    await recordAuditEvent(trx, {
      actor: approver,
      action: outcome === 'recorded' ? 'action.approval_recorded' : `action.${outcome}`,
      subjectType: 'remediation_action',
      subjectId: action.id,
      before: { state: 'pending' },
      after: { state: updated.state, approvals, required: action.min_approvals },
      details: decision.reason ? { reason: decision.reason } : undefined,
      at: now,
    });
    return { action: updated, outcome, approvals };
  });
  deps.log.info({ actionId: result.action.id, outcome: result.outcome, approver }, 'action decision');
  if (result.outcome === 'approved') await deps.jobs.execute(result.action.id);
  await announceAction(deps, result.action);
  return result;
}
