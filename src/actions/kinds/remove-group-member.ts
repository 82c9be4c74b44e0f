import type { AccessDeps } from '../../access/access-deps.js';
import { liveGrantsOf } from '../../access/membership-episodes.js';
import {
  grantKeepingMember,
  removeStandingMember,
  type StandingMember,
} from '../../access/remove-standing-member.js';
import { AccessDenied, Conflict, InvalidInput, NotFound } from '../../errors/domain-errors.js';
import type { AccountActionKind, ObservedResource } from '../action-kind.js';

const NOT_A_MEMBER = 'not a member';
const STANDING = 'standing member';
const REMOVAL_UNCONFIRMED = 'removal recorded, not confirmed';

/** `<group>/<e-mail>`: a policy group's key or Databricks name, and the user's e-mail. */
export function removeGroupMemberTarget(group: string, email: string): string {
  return `${group.trim()}/${email.trim().toLowerCase()}`;
}

function parseTarget(targetId: string): { group: string; email: string } {
  const slash = targetId.lastIndexOf('/');
  const group = targetId.slice(0, slash).trim();
  const email = targetId
    .slice(slash + 1)
    .trim()
    .toLowerCase();
  if (slash < 0 || group === '' || !/^[^\s@/]+@[^\s@/]+$/.test(email)) {
    throw new InvalidInput(
      'Say which group and whose membership: `action remove-group-member <group> <user e-mail>`.',
    );
  }
  return { group, email };
}

/**
 * The membership as Databricks and the bot's records have it: whether the user is a member, and
 * whether that membership is standing (no grant of the bot keeps it). Refused outright when the
 * group is not one the access policy manages, or when a grant of the bot keeps the member there
 * (`revoke` ends grants).
 */
async function observeMembership(deps: AccessDeps, targetId: string, now: Date): Promise<ObservedResource> {
  const { group: typed, email } = parseTarget(targetId);
  const policyGroup = deps.policy.groups.find(
    (group) =>
      group.key.toLowerCase() === typed.toLowerCase() ||
      group.databricksGroup.toLowerCase() === typed.toLowerCase(),
  );
  if (!policyGroup) {
    const names = deps.policy.groups.map((group) => group.databricksGroup);
    const managed =
      names.length === 0 ? 'none' : names.slice(0, 10).join(', ') + (names.length > 10 ? ', …' : '');
    throw new AccessDenied(
      `${typed.slice(0, 80)} is not a group the access policy manages, so the bot does not remove its members (managed groups: ${managed}).`,
    );
  }
  const group = await deps.databricks.findGroupByName(policyGroup.databricksGroup);
  if (!group)
    throw new NotFound(`The group ${policyGroup.databricksGroup} does not exist in the Databricks account.`);
  const user = await deps.databricks.findUserByEmail(email);
  if (!user) throw new NotFound(`There is no user ${email} in the Databricks account.`);
  const member: StandingMember = {
    groupId: group.id,
    groupName: group.displayName,
    policyGroupName: policyGroup.databricksGroup,
    policyKey: policyGroup.key,
    userId: user.id,
    userName: user.userName,
  };
  const kept = grantKeepingMember(
    await liveGrantsOf(deps.db, user.id, policyGroup.databricksGroup, now),
    member,
  );
  if (kept) throw new Conflict(kept);
  const record = await deps.db
    .selectFrom('group_memberships')
    .select(['state', 'standing'])
    .where('databricks_group_id', '=', group.id)
    .where('databricks_user_id', '=', user.id)
    .executeTakeFirst();
  const isMember = group.memberIds.includes(user.id);
  const state = !isMember
    ? record?.state === 'removing'
      ? `${NOT_A_MEMBER}, ${REMOVAL_UNCONFIRMED}`
      : NOT_A_MEMBER
    : record?.state === 'removing'
      ? `member, ${REMOVAL_UNCONFIRMED}`
      : STANDING;
  const how = !isMember
    ? `${user.userName} is not a member of ${group.displayName}`
    : record && !record.standing
      ? `${user.userName} is a member of ${group.displayName}, added by the bot but kept by no grant`
      : `${user.userName} is a standing member of ${group.displayName} (not through a grant of the bot)`;
  return {
    label: `${user.userName} from ${group.displayName}`,
    state,
    summary: `${how} · ${group.memberIds.length} member(s) in the group`,
    targetId: `${group.displayName}/${user.userName.toLowerCase()}`,
    raw: { ...member },
  };
}

/** The member as observed (what `observe` put in `raw`). */
const memberOf = (observed: ObservedResource) => observed.raw as unknown as StandingMember;

/**
 * Removes a standing member of a policy-managed account group now (standing-privilege clean-up),
 * through the access engine's recorded removals. No undo from the bot: adding someone back is a
 * grant (`request-access`) or an account admin's decision.
 */
export const removeGroupMember: AccountActionKind = {
  name: 'remove-group-member',
  title: 'Remove standing member',
  resource: 'group membership',
  scope: 'account',
  observe: observeMembership,
  alreadyDone: (observed) =>
    observed.state.startsWith(NOT_A_MEMBER)
      ? `${memberOf(observed).userName} is not a member of ${memberOf(observed).groupName}.`
      : undefined,
  change: (observed) => [
    `Member → removed from the account group ${memberOf(observed).groupName} (SCIM PATCH, remove member).`,
    `From then on ${memberOf(observed).userName} gets this group only through a grant: \`request-access ${memberOf(observed).policyKey}\`.`,
    'No undo from the bot: only an account admin can add a standing member back.',
  ],
  execute: (deps, _targetId, observed) => removeStandingMember(deps, memberOf(observed)),
  verify: (observed) => (observed.state === NOT_A_MEMBER ? 'done' : 'not done'),
};
