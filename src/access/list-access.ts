import { sql } from 'kysely';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import type { AccessDeps } from './access-deps.js';
import { requestsOf } from './access-request-queries.js';

/** My active grants and my open requests. */
export async function accessOf(deps: AccessDeps, user: ChatUser) {
  const mine = formatChatUser(user);
  return {
    active: await requestsOf(deps.db, mine, ['active']),
    open: await requestsOf(deps.db, mine, ['pending', 'approved']),
  };
}

/** Pending requests this person may approve and has not decided yet. */
export async function requestsWaitingFor(deps: AccessDeps, approver: ChatUser): Promise<AccessRequestRow[]> {
  const me = formatChatUser(approver);
  return deps.db
    .selectFrom('access_requests')
    .selectAll()
    .where('state', '=', 'pending')
    .where('requester', '!=', me)
    .where(sql<boolean>`policy->'approvers' ? ${me}`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('access_approvals')
            .select('approver')
            .whereRef('access_approvals.request_id', '=', 'access_requests.id')
            .where('access_approvals.approver', '=', me),
        ),
      ),
    )
    .orderBy('created_at')
    .execute();
}
