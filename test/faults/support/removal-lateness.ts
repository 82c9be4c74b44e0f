/**
 * When each bot-granted membership really ended in Databricks, compared with when its grants
 * ended: one membership per person and Databricks group, its end the latest end of the grants
 * that covered it (overlapping grants and extensions keep it), its removal the fake's record.
 */
import type { FakeDatabricksAccounts } from '../../fakes/fake-databricks-accounts.js';
import type { RequestRecord } from './bot-database.js';

export interface MembershipRemoval {
  databricksUserId: string;
  group: string;
  grantIds: string[];
  /** Latest ends_at of the grants covering it, epoch ms. */
  endedAt: number;
  /** When the fake applied the PATCH removing it; undefined when it never did. */
  removedAt: number | undefined;
  latenessMs: number | undefined;
}

export function membershipRemovals(
  requests: readonly RequestRecord[],
  databricks: FakeDatabricksAccounts,
  groupIds: ReadonlyMap<string, string>,
  standing: ReadonlyMap<string, ReadonlySet<string>>,
): MembershipRemoval[] {
  const byMembership = new Map<string, RequestRecord[]>();
  for (const request of requests) {
    if (!request.ends_at || standing.get(request.databricks_group)?.has(request.databricks_user_id)) continue;
    const key = `${request.databricks_group}\u0000${request.databricks_user_id}`;
    byMembership.set(key, [...(byMembership.get(key) ?? []), request]);
  }
  return [...byMembership.values()].map((grants) => {
    const { databricks_group: group, databricks_user_id: user } = grants[0]!;
    const endedAt = Math.max(...grants.map((g) => g.ends_at!.getTime()));
    const groupId = groupIds.get(group);
    const removals = databricks.patches.filter((p) => p.groupId === groupId && p.removed.includes(user));
    const removedAt = removals.at(-1)?.at;
    return {
      databricksUserId: user,
      group,
      grantIds: grants.map((g) => g.id),
      endedAt,
      removedAt,
      latenessMs: removedAt === undefined ? undefined : removedAt - endedAt,
    };
  });
}
