import type { Transaction } from 'kysely';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Database } from '../db/database.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';

/** Why a grant could end: its membership was removed, or something else keeps it. */
export type MembershipOutcome = 'removed' | 'confirmed_absent' | 'standing' | 'covered' | 'never_added';

/**
 * Records the end of grants whose membership is settled (removal confirmed, or nothing to
 * remove): `expired` or `revoked`, stamped now, with the audit event. Grants no longer active
 * are skipped, so a repeated call changes nothing.
 */
export async function endGrants(
  trx: Transaction<Database>,
  grants: AccessRequestRow[],
  endedAt: Date,
  membership: MembershipOutcome,
): Promise<AccessRequestRow[]> {
  const rows: AccessRequestRow[] = [];
  for (const grant of grants) {
    const state = grant.revoke_requested_by ? 'revoked' : 'expired';
    const row = await trx
      .updateTable('access_requests')
      .set({ state, ended_at: endedAt, last_error: null })
      .where('id', '=', grant.id)
      .where('state', '=', 'active')
      .returningAll()
      .executeTakeFirst();
    if (!row) continue;
    await recordAuditEvent(trx, {
      actor: grant.revoke_requested_by ?? 'system',
      action: `access.${state}`,
      subjectType: 'access_request',
      subjectId: grant.id,
      before: { state: 'active', endsAt: grant.ends_at },
      after: { state },
      details: {
        lateMs: endedAt.getTime() - grant.ends_at!.getTime(),
        membership,
        reason: grant.revoke_reason ?? undefined,
      },
      at: endedAt,
    });
    rows.push(row);
  }
  return rows;
}
