import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { AccessApprovalRow, AccessRequestRow } from '../db/tables/access-requests.js';
import { Conflict, InvalidInput } from '../errors/domain-errors.js';
import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import { controlCharacterIn } from '../text/typed-text.js';
import type { AccessDeps } from './access-deps.js';
import { announceStateChange, refreshApprovalMessages } from './access-notifications.js';
import { alreadyDecidedText, formatTime } from './access-messages.js';
import { approvalsOf } from './access-request-queries.js';
import { assertMayDecide } from './assert-may-decide.js';

export interface Decision {
  requestId: string;
  approver: ChatUser;
  decision: 'approve' | 'deny';
  reason?: string;
}

export interface DecisionResult {
  request: AccessRequestRow;
  /** `recorded` when an approval was counted but more are needed. */
  outcome: 'approved' | 'denied' | 'recorded';
  approvals: AccessApprovalRow[];
}

/**
 * One approver's decision. The request row is locked while the decision is counted, so a double
 * click, two approvers at once or a retry make exactly one transition; a decision on a request
 * that is no longer pending is refused with who decided it and when.
 */
export async function decideRequest(deps: AccessDeps, decision: Decision): Promise<DecisionResult> {
  assertReadableReason(decision.reason);
  const found = await assertMayDecide(deps, decision.requestId, decision.approver);
  const approver = formatChatUser(decision.approver);
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('access_requests')
      .selectAll()
      .where('id', '=', found.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const approvals = await approvalsOf(trx, request.id);
    if (request.state !== 'pending') throw new Conflict(alreadyDecidedText(request));
    const mine = approvals.find((a) => a.approver === approver);
    if (mine) {
      throw new Conflict(
        `You already ${mine.decision === 'approve' ? 'approved' : 'denied'} this request at ${formatTime(mine.decided_at)}; it needs another approver.`,
      );
    }
    await trx
      .insertInto('access_approvals')
      .values({
        request_id: request.id,
        approver,
        decision: decision.decision,
        reason: decision.reason ?? null,
        decided_at: now,
      })
      .execute();
    const counted = await approvalsOf(trx, request.id);
    const approveCount = counted.filter((a) => a.decision === 'approve').length;
    const outcome: DecisionResult['outcome'] =
      decision.decision === 'deny'
        ? 'denied'
        : approveCount >= request.min_approvals
          ? 'approved'
          : 'recorded';
    let updated = request;
    if (outcome !== 'recorded') {
      updated = await trx
        .updateTable('access_requests')
        .set({
          state: outcome,
          decided_at: now,
          decided_by: approver,
          deny_reason: outcome === 'denied' ? decision.reason?.trim() || null : null,
        })
        .where('id', '=', request.id)
        .where('state', '=', 'pending')
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    await recordAuditEvent(trx, {
      actor: approver,
      action: outcome === 'recorded' ? 'access.approval_recorded' : `access.${outcome}`,
      subjectType: 'access_request',
      subjectId: request.id,
      before: { state: 'pending' },
      after: { state: updated.state, approvals: approveCount, required: request.min_approvals },
      details: decision.reason ? { reason: decision.reason } : undefined,
      at: now,
    });
    return { request: updated, outcome, approvals: counted };
  });
  deps.log.info({ requestId: result.request.id, outcome: result.outcome, approver }, 'access decision');
  if (result.outcome === 'approved') await deps.jobs.applyGrant(result.request.id);
  if (result.outcome === 'recorded') await refreshApprovalMessages(deps, result.request);
  else await announceStateChange(deps, result.request);
  return result;
}

const MAX_DENY_REASON = 1_000;

/** A typed reason Postgres and people can read: not too long, no invisible control characters. */

export function assertReadableReason(reason: string | undefined): void {
  if (reason === undefined) return;
  if (reason.length > MAX_DENY_REASON) {
    throw new InvalidInput(`The reason is too long (at most ${MAX_DENY_REASON} characters).`, 'reason');
  }
  const control = controlCharacterIn(reason);
  if (control !== undefined) {
    throw new InvalidInput(
      `The reason contains an invisible control character (${control}); retype it without pasting.`,
      'reason',
    );
  }
}
