import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import type { AccessDeps } from './access-deps.js';
import { announceStateChange } from './access-notifications.js';
import { otherActiveGrants } from './access-request-queries.js';
import { withMembershipLock } from './membership-lock.js';

const BATCH = 1_000;

/**
 * Ends every active grant whose end has come (by expiry or revocation). Removals from the same
 * group that fall due together go to Databricks as one coalesced write; a membership is removed
 * only when no other active grant covers it and it was not standing membership. Safe to run
 * any number of times, from the delayed expiry job and from the sweeper alike.
 */
export async function expireDueGrants(deps: AccessDeps): Promise<AccessRequestRow[]> {
  const ended: AccessRequestRow[] = [];
  for (;;) {
    const batch = await withMembershipLock(deps.db, async (trx) => {
      const now = deps.clock.now();
      const due = await trx
        .selectFrom('access_requests')
        .selectAll()
        .where('state', '=', 'active')
        .where('ends_at', '<=', now)
        .orderBy('ends_at')
        .limit(BATCH)
        .execute();
      const dueIds = due.map((grant) => grant.id);
      const byGroup = new Map<string, AccessRequestRow[]>();
      for (const grant of due) {
        const key = grant.databricks_group_id ?? '';
        byGroup.set(key, [...(byGroup.get(key) ?? []), grant]);
      }
      for (const [groupId, grants] of byGroup) {
        const removals = new Set<string>();
        for (const grant of grants) {
          if (grant.standing_membership) continue;
          const covering = await otherActiveGrants(
            trx,
            grant.databricks_user_id,
            grant.databricks_group,
            dueIds,
          );
          if (!covering.some((other) => other.ends_at! > now)) removals.add(grant.databricks_user_id);
        }
        if (groupId !== '' && removals.size > 0)
          await deps.databricks.removeGroupMembers(groupId, [...removals]);
      }
      const rows: AccessRequestRow[] = [];
      for (const grant of due) {
        const state = grant.revoke_requested_by ? 'revoked' : 'expired';
        // Stamped after Databricks was asked, so the recorded end is when access really ended.
        const endedAt = deps.clock.now();
        const row = await trx
          .updateTable('access_requests')
          .set({ state, ended_at: endedAt })
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
            reason: grant.revoke_reason ?? undefined,
          },
          at: endedAt,
        });
        rows.push(row);
      }
      return { rows, full: due.length === BATCH };
    });
    ended.push(...batch.rows);
    for (const row of batch.rows) await announceStateChange(deps, row);
    if (!batch.full) break;
  }
  if (ended.length > 0) deps.log.info({ count: ended.length }, 'grants ended');
  return ended;
}
