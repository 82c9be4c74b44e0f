import type { AccessRequestRow } from '../db/tables/access-requests.js';
import type { ChatMessage } from '../messages/chat-message.js';
import { formatChatUser, parseChatUser } from '../ports/chat-user.js';
import type { AccessDeps } from './access-deps.js';
import { approvalRequestMessage, requesterUpdateMessage } from './access-messages.js';
import { approvalsOf } from './access-request-queries.js';
import { approversOf, policyOf } from './policy-snapshot.js';
import { sameUser } from './policy/policy-decisions.js';

const subjectOf = (request: AccessRequestRow) => ({ type: 'access_request', id: request.id });

/**
 * Sends the approval card to every approver (DM) and approval channel. Each copy has its own
 * idempotency key, so running this twice sends nothing new.
 */
export async function notifyApprovers(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  const message = approvalRequestMessage(request, await approvalsOf(deps.db, request.id));
  const requester = parseChatUser(request.requester);
  const about = (recipient?: string) => ({ subject: subjectOf(request), purpose: 'approval', recipient });
  for (const approver of approversOf(request)) {
    if (sameUser(approver, requester)) continue;
    const recipient = formatChatUser(approver);
    await deps.outbox.send({
      key: `access:${request.id}:approval:${recipient}`,
      to: { user: approver },
      message,
      about: about(recipient),
    });
  }
  for (const channel of policyOf(request).approvalChannels) {
    await deps.outbox.send({
      key: `access:${request.id}:approval:${channel.platform}-channel:${channel.id}`,
      to: { channel },
      message,
      about: about(),
    });
  }
}

/** Every copy of the approval card shows the request's current state. */
export async function refreshApprovalMessages(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  const message = approvalRequestMessage(request, await approvalsOf(deps.db, request.id));
  await deps.outbox.updateCopies(subjectOf(request), 'approval', message);
}

/** DMs the requester, once per kind of message; by default the message for the current state. */
export async function notifyRequester(
  deps: AccessDeps,
  request: AccessRequestRow,
  message: ChatMessage = requesterUpdateMessage(request),
): Promise<void> {
  await deps.outbox.send({
    key: `access:${request.id}:requester:${message.kind}`,
    to: { user: parseChatUser(request.requester) },
    message,
    about: { subject: subjectOf(request), purpose: 'requester', recipient: request.requester },
  });
}

/** Posts the request's new state to channels subscribed to the `access` topic (audit channels). */
export async function publishAccessEvent(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  const card = approvalRequestMessage(request, await approvalsOf(deps.db, request.id));
  await deps.publishAlert({
    topic: 'access',
    key: `access:${request.id}:event:${request.state}`,
    message: { ...card, kind: 'access.event', actions: [] },
    attributes: {
      group: request.group_key,
      severity: request.state === 'apply_failed' ? 'critical' : 'info',
    },
  });
}

/** A state change everyone involved cares about: requester, every approval card, audit channels. */
export async function announceStateChange(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  await notifyRequester(deps, request);
  await refreshApprovalMessages(deps, request);
  await publishAccessEvent(deps, request);
}
