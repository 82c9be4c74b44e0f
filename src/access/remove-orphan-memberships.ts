import type { AccessDeps } from './access-deps.js';
import { orphanMemberships } from './membership-episodes.js';
import { claimChange } from './membership-intents.js';
import { withMembershipLock } from './membership-lock.js';
import { carryOutRemovals, type PlannedRemoval } from './remove-memberships.js';

/**
 * Removes memberships the bot added (or may have added: an add whose outcome was never
 * recorded) that no grant keeps any more, e.g. after an apply that failed for good. Returns the
 * removals it carried out, by group id and user id.
 */
export async function removeOrphanMemberships(
  deps: AccessDeps,
): Promise<{ groupId: string; userId: string }[]> {
  const planned = await withMembershipLock(deps.db, async (trx) => {
    const now = deps.clock.now();
    const removals: PlannedRemoval[] = [];
    for (const row of await orphanMemberships(trx, now)) {
      const claim = await claimChange(trx, row, 'removing', now);
      if (claim) removals.push({ claim, grants: [] });
    }
    return removals;
  });
  if (planned.length === 0) return [];
  await carryOutRemovals(deps, planned);
  const gone = await deps.db
    .selectFrom('group_memberships')
    .select(['databricks_group_id', 'databricks_user_id'])
    .where(
      'databricks_user_id',
      'in',
      planned.map((removal) => removal.claim.userId),
    )
    .execute();
  const remaining = new Set(gone.map((row) => `${row.databricks_group_id}\u0000${row.databricks_user_id}`));
  const removed = planned
    .map((removal) => ({ groupId: removal.claim.groupId, userId: removal.claim.userId }))
    .filter((key) => !remaining.has(`${key.groupId}\u0000${key.userId}`));
  if (removed.length > 0) deps.log.warn({ removed }, 'removed memberships no grant keeps any more');
  return removed;
}
