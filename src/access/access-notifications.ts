import type { AccessRequestRow } from '../db/tables/access-requests.js';
import type { ChatMessage } from '../messages/chat-message.js';
import { postedMessagesAbout, rememberPostedMessage } from '../messages/posted-messages.js';
import { formatChatUser, parseChatUser } from '../ports/chat-user.js';
import type { AccessDeps } from './access-deps.js';
import { approvalRequestMessage, requesterUpdateMessage } from './access-messages.js';
import { approvalsOf } from './access-request-queries.js';
import { approversOf, policyOf } from './policy-snapshot.js';
import { sameUser } from './policy/policy-decisions.js';

const subjectOf = (request: AccessRequestRow) => ({ type: 'access_request', id: request.id });

/**
 * Chat delivery never undoes a state change: a failed post is logged with the request id and
 * the change stands.
 */
async function bestEffort(
  deps: AccessDeps,
  what: string,
  request: AccessRequestRow,
  send: () => Promise<void>,
) {
  try {
    await send();
  } catch (error) {
    deps.log.error({ err: error, requestId: request.id, what }, 'could not deliver access notification');
  }
}

/** Posts the approval card to every approver (DM) and approval channel, remembering each copy. */
export async function notifyApprovers(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  const message = approvalRequestMessage(request, await approvalsOf(deps.db, request.id));
  const requester = parseChatUser(request.requester);
  for (const approver of approversOf(request)) {
    if (sameUser(approver, requester)) continue;
    await bestEffort(deps, 'approval DM', request, async () => {
      const posted = await deps.notifier.postToUser(approver, message);
      await rememberPostedMessage(deps.db, subjectOf(request), 'approval', posted, formatChatUser(approver));
    });
  }
  for (const channel of policyOf(request).approvalChannels) {
    await bestEffort(deps, 'approval channel post', request, async () => {
      const posted = await deps.notifier.postToChannel(channel, message);
      await rememberPostedMessage(deps.db, subjectOf(request), 'approval', posted);
    });
  }
}

/** Re-renders every stored copy of the approval card from the request's current state. */
export async function refreshApprovalMessages(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  const message = approvalRequestMessage(request, await approvalsOf(deps.db, request.id));
  for (const posted of await postedMessagesAbout(deps.db, subjectOf(request), 'approval')) {
    await bestEffort(deps, 'approval card update', request, () => deps.notifier.update(posted, message));
  }
}

/** DMs the requester; by default the message for the request's current state. */
export async function notifyRequester(
  deps: AccessDeps,
  request: AccessRequestRow,
  message: ChatMessage = requesterUpdateMessage(request),
): Promise<void> {
  await bestEffort(deps, `requester DM (${message.kind})`, request, async () => {
    const posted = await deps.notifier.postToUser(parseChatUser(request.requester), message);
    await rememberPostedMessage(deps.db, subjectOf(request), 'requester', posted, request.requester);
  });
}

/** A state change both sides care about: the requester is told and every approval card is updated. */
export async function announceStateChange(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  await notifyRequester(deps, request);
  await refreshApprovalMessages(deps, request);
}
