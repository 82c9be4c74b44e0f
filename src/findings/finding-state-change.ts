import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { FindingState, SecurityFindingRow } from '../db/tables/agent-security.js';
import { Conflict, NotFound } from '../errors/domain-errors.js';
import { isRecordId } from '../ids/record-id.js';
import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import { refreshFindingCopies } from './announce-findings.js';
import type { FindingDeps } from './finding-deps.js';
import { findingStatus } from './finding-messages.js';

export interface FindingStateChange {
  findingId: string;
  actor: ChatUser;
  /** States the finding may be in for this change; anything else is a Conflict saying what happened. */
  from: readonly FindingState[];
  to: FindingState;
  snoozedUntil?: Date;
  action: string;
}

export async function findFinding(deps: FindingDeps, findingId: string): Promise<SecurityFindingRow> {
  const finding = isRecordId(findingId)
    ? await deps.db.selectFrom('security_findings').selectAll().where('id', '=', findingId).executeTakeFirst()
    : undefined;
  if (!finding) throw new NotFound('I cannot find that finding any more.');
  return finding;
}

/**
 * One conditional state change (a double click or two people at once change it once; the
 * second is told who did what), audited, with every posted copy of the finding refreshed.
 */
export async function changeFindingState(
  deps: FindingDeps,
  change: FindingStateChange,
): Promise<SecurityFindingRow> {
  const before = await findFinding(deps, change.findingId);
  const now = deps.clock.now();
  const actor = formatChatUser(change.actor);
  const updated = await deps.db
    .updateTable('security_findings')
    .set({
      state: change.to,
      snoozed_until: change.snoozedUntil ?? null,
      state_changed_by: actor,
      state_changed_at: now,
    })
    .where('id', '=', change.findingId)
    .where('state', 'in', [...change.from])
    .returningAll()
    .executeTakeFirst();
  if (!updated) {
    const current = await findFinding(deps, change.findingId);
    throw new Conflict(`Nothing changed: ${findingStatus(current, now).replace(/^Open$/, 'it is open')}.`);
  }
  await recordAuditEvent(deps.db, {
    actor,
    action: change.action,
    subjectType: 'security_finding',
    subjectId: updated.id,
    before: { state: before.state },
    after: { state: updated.state, snoozedUntil: updated.snoozed_until },
    at: now,
  });
  await refreshFindingCopies(deps, [updated.id]);
  return updated;
}
