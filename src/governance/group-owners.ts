import { findGroupPolicy, type AccessPolicy, type GroupPolicy } from '../access/policy/access-policy.js';
import type { ChatUser } from '../ports/chat-user.js';

/** Who reviews a group's standing members, and the policy entry that makes it requestable. */
export interface GroupOwnership {
  owners: ChatUser[];
  policy: GroupPolicy | undefined;
}

/**
 * A requestable group is owned by its approvers in the policy (its own, or the integration owners
 * when it lists none); any other group by the integration owners.
 */
export function ownershipOf(policy: AccessPolicy, databricksGroup: string): GroupOwnership {
  const wanted = databricksGroup.toLowerCase();
  const group = policy.groups.find((candidate) => candidate.databricksGroup.toLowerCase() === wanted);
  if (group) return { owners: group.approvers, policy: group };
  return { owners: policy.integrationOwners ?? [], policy: undefined };
}

/** The Databricks group someone means by a policy key or a display name. */
export function databricksGroupNamed(policy: AccessPolicy, name: string): string {
  return findGroupPolicy(policy, name)?.databricksGroup ?? name.trim();
}
