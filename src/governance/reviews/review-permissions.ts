import { sameUser } from '../../access/policy/policy-decisions.js';
import { AccessDenied } from '../../errors/domain-errors.js';
import type { ChatUser } from '../../ports/chat-user.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { inOwnerGroup, ownershipOf } from '../group-owners.js';

/** Admins and integration owners run campaigns. */
export function assertReviewAdmin(deps: GovernanceDeps, actor: ChatUser): void {
  const allowed = [...deps.admins, ...(deps.policy.integrationOwners ?? [])];
  if (allowed.some((user) => sameUser(user, actor))) return;
  throw new AccessDenied(
    'Only admins and integration owners can start access reviews or read their reports.',
  );
}

/**
 * The group's owners decide on its members (admins and integration owners may stand in); a
 * member of the group's owner group is recognised by their e-mail's Databricks user.
 */
export async function assertMayDecide(
  deps: GovernanceDeps,
  actor: ChatUser,
  groupName: string,
): Promise<void> {
  const allowed = [
    ...ownershipOf(deps.policy, groupName).owners,
    ...deps.admins,
    ...(deps.policy.integrationOwners ?? []),
  ];
  if (allowed.some((user) => sameUser(user, actor))) return;
  if (await inOwnerGroup(deps, groupName, actor)) return;
  throw new AccessDenied(`Only the owners of ${groupName} can decide on its members.`);
}
