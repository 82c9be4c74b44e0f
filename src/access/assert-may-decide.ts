import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { AccessDenied, Conflict, NotFound } from '../errors/domain-errors.js';
import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import type { AccessDeps } from './access-deps.js';
import { alreadyDecidedText } from './access-messages.js';
import { findRequest } from './access-request-queries.js';
import { peopleOf } from './access-notifications.js';
import { mayApprove } from './policy/policy-decisions.js';
import { approversOf } from './policy-snapshot.js';

/** Checks, before asking anything more, that this person may decide this request now. */
export async function assertMayDecide(
  deps: AccessDeps,
  requestId: string,
  approver: ChatUser,
): Promise<AccessRequestRow> {
  const request = await findRequest(deps.db, requestId);
  if (!request) throw new NotFound('I cannot find that access request.');
  if (formatChatUser(approver) === request.requester)
    throw new AccessDenied('You cannot approve or deny your own request.');
  if (!mayApprove({ approvers: approversOf(request) }, approver))
    throw new AccessDenied(`You are not an approver for ${request.group_key}.`);
  if (request.state !== 'pending') {
    throw new Conflict(alreadyDecidedText(request, await peopleOf(deps, request)));
  }
  return request;
}
