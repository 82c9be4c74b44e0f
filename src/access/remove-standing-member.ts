import { formatTime } from './access-messages.js';
import type { AccessDeps } from './access-deps.js';
import { Conflict } from '../errors/domain-errors.js';
import { forgetDiscoveredMember } from '../governance/forget-discovered-member.js';
import { MembershipChangeInFlight } from './apply-grant.js';
import { liveGrantsOf } from './membership-episodes.js';
import { claimChange, findMembership, recordBaseline } from './membership-intents.js';
import { withMembershipLock } from './membership-lock.js';
import { carryOutRemovalOrThrow } from './remove-memberships.js';
import { requestReference } from './request-reference.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';

/** A member of a policy-managed group whom no grant of the bot keeps there. */
export interface StandingMember {
  groupId: string;
  /** The group's name in Databricks (membership records) and in the policy (grants). */
  groupName: string;
  policyGroupName: string;
  /** The policy group's key, for the `revoke` a grant calls for. */
  policyKey: string;
  userId: string;
  userName: string;
}

/**
 * Why the bot must not remove this member directly: a grant of the bot (approved or active)
 * keeps the membership, so ending it is `revoke`'s job (which also ends the grant). Undefined
 * when no grant keeps it.
 */
export function grantKeepingMember(
  grants: AccessRequestRow[],
  member: Pick<StandingMember, 'policyKey' | 'userName' | 'groupName'>,
): string | undefined {
  const grant = grants[0];
  if (!grant) return undefined;
  const state =
    grant.state === 'active' && grant.ends_at ? `active until ${formatTime(grant.ends_at)}` : grant.state;
  return (
    `${member.userName} is in ${member.groupName} through a grant of the bot (${requestReference(grant)}, ${state}), ` +
    `not as a standing member: end it with \`revoke ${member.policyKey} ${member.userName}\` instead.`
  );
}

/**
 * Takes a standing member out of a policy-managed group, with the machinery grant expiry and
 * access reviews use: (1) under the membership lock, refuse when a grant now keeps the member,
 * record the membership (standing) and the intent to remove it; commit. (2) Read the group and
 * send the removal only if the member is still there (so a retry after a crash never removes
 * twice); a failed call is thrown as it came (429/5xx retried, a 403 shown). (3) The confirmed removal ends the
 * membership's record, so the reconciler neither adds it back nor reports it, and the discovery
 * snapshot follows at once. Safe to run again: a member already gone is confirmed, not removed.
 */
export async function removeStandingMember(deps: AccessDeps, member: StandingMember): Promise<void> {
  const key = { groupId: member.groupId, userId: member.userId };
  const claim = await withMembershipLock(deps.db, async (trx) => {
    const now = deps.clock.now();
    const kept = grantKeepingMember(
      await liveGrantsOf(trx, member.userId, member.policyGroupName, now),
      member,
    );
    if (kept) throw new Conflict(kept);
    const row =
      (await findMembership(trx, key)) ??
      (await recordBaseline(trx, { ...key, groupName: member.groupName, isMember: true, at: now }));
    const claimed = await claimChange(trx, row, 'removing', now);
    if (!claimed) {
      throw new MembershipChangeInFlight(
        `a change of ${member.userName} in ${member.groupName} is in flight`,
      );
    }
    return claimed;
  });
  // Read before writing, always: the member may be gone already (an earlier attempt, an admin).
  // A failed call keeps the intent (the next attempt reads first) and is thrown as it came.
  await carryOutRemovalOrThrow(deps, { ...claim, resumed: true });
  await deps.db.transaction().execute((trx) =>
    forgetDiscoveredMember(trx, {
      groupId: member.groupId,
      groupName: member.groupName,
      memberId: member.userId,
      memberDisplay: member.userName,
      at: deps.clock.now(),
    }),
  );
  deps.log.info({ groupId: member.groupId, userId: member.userId }, 'standing member removed');
}
