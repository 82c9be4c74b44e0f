import { sql } from 'kysely';
import { recordAuditEvents } from '../../audit/record-audit-event.js';
import { claimChange, recordBaseline } from '../../access/membership-intents.js';
import { withMembershipLock } from '../../access/membership-lock.js';
import { carryOutRemovals, type PlannedRemoval } from '../../access/remove-memberships.js';
import { forgetDiscoveredMember } from '../forget-discovered-member.js';
import type { GovernanceDeps } from '../governance-deps.js';

export interface ReviewRemovalResult {
  removed: number;
  stillPending: number;
}

/**
 * Takes the members that reviews decided to remove (Remove, Convert) out of their groups, with
 * the machinery grant expiry uses: each removal is recorded as an intent on the membership and
 * committed before the SCIM call, sent coalesced per group, and confirmed after. Every claim
 * reads the group first, so a retry after a crash never sends a removal that already landed.
 * A failed removal stays pending and is retried by the next pass. `campaignId` limits the pass to
 * one campaign.
 */
export async function carryOutReviewRemovals(
  deps: GovernanceDeps,
  campaignId?: string,
): Promise<ReviewRemovalResult> {
  let query = deps.db
    .selectFrom('review_items')
    .selectAll()
    .where('removal_state', '=', 'pending')
    .orderBy('decided_at')
    .limit(1_000);
  if (campaignId !== undefined) query = query.where('campaign_id', '=', campaignId);
  const pending = await query.execute();
  if (pending.length === 0) return { removed: 0, stillPending: 0 };

  const planned = await withMembershipLock(deps.db, async (trx) => {
    const now = deps.clock.now();
    const removals: PlannedRemoval[] = [];
    const seen = new Set<string>();
    for (const item of pending) {
      const key = `${item.databricks_group_id}\u0000${item.member_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const row = await recordBaseline(trx, {
        groupId: item.databricks_group_id,
        userId: item.member_id,
        groupName: item.group_name,
        isMember: true,
        at: now,
      });
      const claim = await claimChange(trx, row, 'removing', now);
      // Read before writing: the member may be gone already (an earlier attempt, or an admin).
      if (claim) removals.push({ claim: { ...claim, resumed: true }, grants: [] });
    }
    return removals;
  });
  if (planned.length > 0) await carryOutRemovals(deps, planned);

  // A confirmed removal deletes its membership record; one still recorded did not go through.
  const left = await deps.db
    .selectFrom('group_memberships')
    .select(['databricks_group_id', 'databricks_user_id', 'last_error'])
    .where(
      sql<boolean>`(databricks_group_id, databricks_user_id) in (${sql.join(pending.map((item) => sql`(${item.databricks_group_id}, ${item.member_id})`))})`,
    )
    .where('state', '=', 'removing')
    .execute();
  const failed = new Map(
    left.map((row) => [`${row.databricks_group_id}\u0000${row.databricks_user_id}`, row.last_error]),
  );
  const claimedKeys = new Set(
    planned.map((removal) => `${removal.claim.groupId}\u0000${removal.claim.userId}`),
  );
  const done = pending.filter((item) => {
    const key = `${item.databricks_group_id}\u0000${item.member_id}`;
    return claimedKeys.has(key) && !failed.has(key);
  });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (done.length > 0) {
      const updated = await trx
        .updateTable('review_items')
        .set({ removal_state: 'removed', removed_at: now, removal_error: null })
        .where(
          'id',
          'in',
          done.map((item) => item.id),
        )
        .where('removal_state', '=', 'pending')
        .returningAll()
        .execute();
      // The snapshot follows at once: the member is no longer standing (the next discovery agrees).
      for (const item of updated) {
        await forgetDiscoveredMember(trx, {
          groupId: item.databricks_group_id,
          groupName: item.group_name,
          memberId: item.member_id,
          memberDisplay: item.member_display,
          at: now,
        });
      }
      await recordAuditEvents(
        trx,
        updated.map((item) => ({
          actor: 'system',
          action: 'review.member_removed',
          subjectType: 'review_item',
          subjectId: item.id,
          before: { removalState: 'pending' },
          after: { removalState: 'removed' },
          details: {
            campaignId: item.campaign_id,
            group: item.group_name,
            groupId: item.databricks_group_id,
            memberId: item.member_id,
            decision: item.decision,
          },
          at: now,
        })),
      );
    }
    for (const item of pending) {
      const error = failed.get(`${item.databricks_group_id}\u0000${item.member_id}`);
      if (error === undefined) continue;
      await trx.updateTable('review_items').set({ removal_error: error }).where('id', '=', item.id).execute();
    }
  });
  if (done.length > 0) deps.log.info({ removed: done.length }, 'review removals carried out');
  return { removed: done.length, stillPending: pending.length - done.length };
}
