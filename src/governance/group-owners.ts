import { sql } from 'kysely';
import { findGroupPolicy, type AccessPolicy, type GroupPolicy } from '../access/policy/access-policy.js';
import { sameUser } from '../access/policy/policy-decisions.js';
import { chatPeopleOfAccountUsers } from '../people/account-users-in-chat.js';
import type { ChatUser } from '../ports/chat-user.js';
import type { GovernanceDeps } from './governance-deps.js';

/** Who reviews a group's standing members, and the policy entry that makes it requestable. */
export interface GroupOwnership {
  owners: ChatUser[];
  /** A Databricks group whose members also own the group (`owners.databricks_group` in the policy). */
  ownerGroup: string | undefined;
  policy: GroupPolicy | undefined;
}

/** Owner-group members resolved to chat people at most (a review card each). */
const MAX_GROUP_OWNERS = 50;

/**
 * A requestable group is owned by its approvers in the policy (its own, or the integration owners
 * when it lists none) and by the members of the Databricks group its policy names as owner; any
 * other group by the integration owners.
 */
export function ownershipOf(policy: AccessPolicy, databricksGroup: string): GroupOwnership {
  const wanted = databricksGroup.toLowerCase();
  const group = policy.groups.find((candidate) => candidate.databricksGroup.toLowerCase() === wanted);
  if (group) return { owners: group.approvers, ownerGroup: group.ownerDatabricksGroup, policy: group };
  return { owners: policy.integrationOwners ?? [], ownerGroup: undefined, policy: undefined };
}

/** The Databricks group someone means by a policy key or a display name. */
export function databricksGroupNamed(policy: AccessPolicy, name: string): string {
  return findGroupPolicy(policy, name)?.databricksGroup ?? name.trim();
}

/** User ids of the owner group's members, as discovery last saw them. */
async function ownerGroupMemberIds(deps: GovernanceDeps, ownerGroup: string): Promise<string[]> {
  const rows = await deps.db
    .selectFrom('discovered_group_members as m')
    .innerJoin('discovered_groups as g', 'g.databricks_group_id', 'm.databricks_group_id')
    .select('m.member_id')
    .where(sql<boolean>`lower(g.display_name) = ${ownerGroup.toLowerCase()}`)
    .where('g.gone_at', 'is', null)
    .where('m.member_type', '=', 'user')
    .orderBy('m.member_id')
    .limit(MAX_GROUP_OWNERS)
    .execute();
  return rows.map((row) => row.member_id);
}

/**
 * Every owner as a chat person: the policy's, plus the owner group's members found on a chat
 * platform by their Databricks e-mail (one SCIM user read each; members no platform knows are
 * skipped and logged).
 */
export async function resolveOwners(deps: GovernanceDeps, databricksGroup: string): Promise<ChatUser[]> {
  const ownership = ownershipOf(deps.policy, databricksGroup);
  const owners = [...ownership.owners];
  if (!ownership.ownerGroup) return owners;
  const members = await chatPeopleOfAccountUsers(
    deps.databricks,
    await ownerGroupMemberIds(deps, ownership.ownerGroup),
    async (email) => {
      const person = await deps.directory.userByEmail?.(email);
      return person ? [person] : [];
    },
    (userId) =>
      deps.log.warn(
        { group: databricksGroup, ownerGroup: ownership.ownerGroup, userId },
        'owner not found on any chat platform',
      ),
  );
  for (const person of members) {
    if (!owners.some((owner) => sameUser(owner, person))) owners.push(person);
  }
  return owners;
}

/** Whether this person is a member of the group's owner group (their e-mail's Databricks user). */
export async function inOwnerGroup(
  deps: GovernanceDeps,
  databricksGroup: string,
  actor: ChatUser,
): Promise<boolean> {
  const { ownerGroup } = ownershipOf(deps.policy, databricksGroup);
  if (!ownerGroup) return false;
  const email = await deps.directory.emailOf(actor);
  if (!email) return false;
  const user = await deps.databricks.findUserByEmail(email);
  if (!user?.active) return false;
  return (await ownerGroupMemberIds(deps, ownerGroup)).includes(user.id);
}
