import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { AccessDenied, Conflict, NotFound } from '../errors/domain-errors.js';
import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import type { AccessDeps } from './access-deps.js';
import { findRequest, transitionRequest } from './access-request-queries.js';
import { noSuchGroupText } from './policy/closest-group.js';
import { requestNumberIn } from './request-reference.js';
import { findGroupPolicy } from './policy/access-policy.js';
import { mayApprove } from './policy/policy-decisions.js';
import { approversOf } from './policy-snapshot.js';

export interface Revocation {
  actor: ChatUser;
  reason?: string;
}

/** May `actor` end this grant: the grantee, an approver of its policy, or an admin. */
function mayRevoke(deps: AccessDeps, grant: AccessRequestRow, actor: ChatUser): boolean {
  return (
    formatChatUser(actor) === grant.requester ||
    mayApprove({ approvers: approversOf(grant) }, actor) ||
    deps.admins.some((admin) => formatChatUser(admin) === formatChatUser(actor))
  );
}

/**
 * Ends a grant now: its end time is brought forward and the expiry pass runs at once, which
 * removes the membership (unless covered) and records it as revoked by `actor`.
 */
export async function revokeGrant(
  deps: AccessDeps,
  grantId: string,
  revocation: Revocation,
): Promise<AccessRequestRow> {
  const grant = await findRequest(deps.db, grantId);
  if (!grant) throw new NotFound('I cannot find that grant.');
  if (!mayRevoke(deps, grant, revocation.actor)) {
    throw new AccessDenied(
      "Only the person with the access, the group's approvers or an admin can revoke it.",
    );
  }
  const now = deps.clock.now();
  const actor = formatChatUser(revocation.actor);
  const revoked = await deps.db.transaction().execute(async (trx) => {
    const row = await transitionRequest(trx, grant.id, ['active'], {
      ends_at: now,
      revoke_requested_by: actor,
      revoke_reason: revocation.reason ?? null,
    });
    if (row) {
      await recordAuditEvent(trx, {
        actor,
        action: 'access.revoke_requested',
        subjectType: 'access_request',
        subjectId: grant.id,
        before: { endsAt: grant.ends_at },
        after: { endsAt: now },
        details: revocation.reason ? { reason: revocation.reason } : undefined,
        at: now,
      });
    }
    return row;
  });
  if (!revoked) throw new Conflict(`That grant is not active (it is ${grant.state.replace('_', ' ')}).`);
  await deps.jobs.expireAt(grant.id, now);
  return revoked;
}

/**
 * `revoke <group> [user]` or `revoke AR-1042`: ends the actor's own grant for the group, or, for approvers and
 * admins, the named user's.
 */
export async function revokeGrantOfGroup(
  deps: AccessDeps,
  groupName: string,
  revocation: Revocation & { grantee?: ChatUser },
): Promise<AccessRequestRow[]> {
  if (requestNumberIn(groupName) !== undefined) return [await revokeGrant(deps, groupName, revocation)];
  const group = findGroupPolicy(deps.policy, groupName);
  if (!group) throw new NotFound(noSuchGroupText(deps.policy, groupName));
  const grantee = formatChatUser(revocation.grantee ?? revocation.actor);
  const grants = await deps.db
    .selectFrom('access_requests')
    .selectAll()
    .where('requester', '=', grantee)
    .where('group_key', '=', group.key)
    .where('state', '=', 'active')
    .execute();
  if (grants.length === 0) {
    throw new NotFound(
      revocation.grantee
        ? `That person has no active access to ${group.key}.`
        : `You have no active access to ${group.key}.`,
    );
  }
  const revoked: AccessRequestRow[] = [];
  for (const grant of grants) revoked.push(await revokeGrant(deps, grant.id, revocation));
  return revoked;
}
