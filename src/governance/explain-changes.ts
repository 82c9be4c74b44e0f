import { sql } from 'kysely';
import type { ListedMember } from '../ports/databricks-account.js';
import type { GovernanceDeps } from './governance-deps.js';

/** A member that appeared in or left a group since the previous discovery run. */
export interface MemberChange {
  groupId: string;
  groupName: string;
  member: ListedMember;
  change: 'added' | 'removed';
}

export type ExplainedChange = MemberChange & { outsideBot: boolean };

/**
 * Marks each change the bot cannot explain as made outside it: an add is the bot's when it
 * recorded the membership as its own (a grant's add); a removal is the bot's when a grant of that
 * member ended or a review decided to remove the member.
 */
export async function explainChanges(
  deps: GovernanceDeps,
  changes: MemberChange[],
): Promise<ExplainedChange[]> {
  if (changes.length === 0) return [];
  const pairs = sql.join(changes.map((change) => sql`(${change.groupId}, ${change.member.id})`));
  const botAdds = await deps.db
    .selectFrom('group_memberships')
    .select(['databricks_group_id', 'databricks_user_id'])
    .where(sql<boolean>`(databricks_group_id, databricks_user_id) in (${pairs})`)
    .where('standing', '=', false)
    .execute();
  const grantEnds = await deps.db
    .selectFrom('access_requests')
    .select(['databricks_group_id', 'databricks_user_id'])
    .where(sql<boolean>`(databricks_group_id, databricks_user_id) in (${pairs})`)
    .where('state', 'in', ['active', 'expired', 'revoked'])
    .where('standing_membership', '=', false)
    .execute();
  const reviewRemovals = await deps.db
    .selectFrom('review_items')
    .select(['databricks_group_id', 'member_id as databricks_user_id'])
    .where(sql<boolean>`(databricks_group_id, member_id) in (${pairs})`)
    .where('removal_state', 'is not', null)
    .execute();
  const key = (groupId: string | null, userId: string) => `${groupId ?? ''}\u0000${userId}`;
  const added = new Set(
    [...botAdds, ...grantEnds].map((row) => key(row.databricks_group_id, row.databricks_user_id)),
  );
  const removed = new Set(
    [...grantEnds, ...reviewRemovals].map((row) => key(row.databricks_group_id, row.databricks_user_id)),
  );
  return changes.map((change) => {
    const pair = key(change.groupId, change.member.id);
    const explained = change.change === 'added' ? added.has(pair) : removed.has(pair);
    return { ...change, outsideBot: !explained };
  });
}
