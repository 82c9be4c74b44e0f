import { sql, type Transaction } from 'kysely';
import { recordAuditEvents } from '../audit/record-audit-event.js';
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
  if (grants.length === 0) return [];
  const rows = await trx
    .updateTable('access_requests')
    .set({
      state: sql<
        'expired' | 'revoked'
      >`case when revoke_requested_by is null then 'expired' else 'revoked' end`,
      ended_at: endedAt,
      last_error: null,
    })
    .where(
      'id',
      'in',
      grants.map((grant) => grant.id),
    )
    .where('state', '=', 'active')
    .returningAll()
    .execute();
  await recordAuditEvents(
    trx,
    rows.map((row) => ({
      actor: row.revoke_requested_by ?? 'system',
      action: `access.${row.state}`,
      subjectType: 'access_request',
      subjectId: row.id,
      before: { state: 'active', endsAt: row.ends_at },
      after: { state: row.state },
      details: {
        lateMs: endedAt.getTime() - row.ends_at!.getTime(),
        membership,
        reason: row.revoke_reason ?? undefined,
      },
      at: endedAt,
    })),
  );
  return rows;
}
