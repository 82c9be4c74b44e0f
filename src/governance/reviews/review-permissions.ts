import { sameUser } from '../../access/policy/policy-decisions.js';
import { AccessDenied } from '../../errors/domain-errors.js';
import type { ChatUser } from '../../ports/chat-user.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { ownershipOf } from '../group-owners.js';

/** Admins and integration owners run campaigns. */
export function assertReviewAdmin(deps: GovernanceDeps, actor: ChatUser): void {
  const allowed = [...deps.admins, ...(deps.policy.integrationOwners ?? [])];
  if (allowed.some((user) => sameUser(user, actor))) return;
  throw new AccessDenied(
    'Only admins and integration owners can start access reviews or read their reports.',
  );
}

/** The group's owners decide on its members (admins and integration owners may stand in). */
export function assertMayDecide(deps: GovernanceDeps, actor: ChatUser, groupName: string): void {
  const allowed = [
    ...ownershipOf(deps.policy, groupName).owners,
    ...deps.admins,
    ...(deps.policy.integrationOwners ?? []),
  ];
  if (allowed.some((user) => sameUser(user, actor))) return;
  throw new AccessDenied(`Only the owners of ${groupName} can decide on its members.`);
}
