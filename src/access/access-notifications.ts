import type { AccessApprovalRow, AccessRequestRow } from '../db/tables/access-requests.js';
import type { ChatMessage } from '../messages/chat-message.js';
import { NO_NAMES, type PeopleBook } from '../people/people-book.js';
import { formatChatUser, parseChatUser } from '../ports/chat-user.js';
import type { AccessDeps } from './access-deps.js';
import { accessEventReply } from './access-event-replies.js';
import { approvalRequestMessage, requesterUpdateMessage } from './access-messages.js';
import { approvalsOf } from './access-request-queries.js';
import { approversOf, policyOf } from './policy-snapshot.js';
import { sameUser } from './policy/policy-decisions.js';

const subjectOf = (request: AccessRequestRow) => ({ type: 'access_request', id: request.id });

/** What each posted copy of a request is for, so later changes find it. */
export const ACCESS_PURPOSES = {
  /** The approval card in an approver's direct messages. */
  approverDm: 'approval',
  /** The approval card in an approval channel: one per request, with events in its thread. */
  approvalChannel: 'approval-channel',
  /** The request's message in each channel subscribed to `access`, with events in its thread. */
  audit: 'audit',
} as const;

/** The people a request's messages name, with their display names and ids on every platform. */
export async function peopleOf(
  deps: AccessDeps,
  request: AccessRequestRow,
  approvals: AccessApprovalRow[] = [],
): Promise<PeopleBook> {
  if (!deps.people) return NO_NAMES;
  const named = [
    request.requester,
    ...policyOf(request).approvers,
    ...approvals.map((approval) => approval.approver),
    ...[request.decided_by, request.revoke_requested_by].filter((actor): actor is string =>
      Boolean(actor && !actor.startsWith('system')),
    ),
  ];
  return deps.people.bookFor([...new Set(named)], { [request.requester]: request.requester_email });
}

/** The approval card as an approver sees it in a DM, and as a shared channel sees it. */
export async function approvalCards(deps: AccessDeps, request: AccessRequestRow) {
  const approvals = await approvalsOf(deps.db, request.id);
  const people = await peopleOf(deps, request, approvals);
  return {
    people,
    direct: approvalRequestMessage(request, approvals, { showRequesterEmail: true, people }),
    shared: approvalRequestMessage(request, approvals, {
      showRequesterEmail: deps.policy.showRequesterEmailInChannels ?? false,
      people,
    }),
  };
}

/**
 * Sends the approval card to each approval channel (where approvers are mentioned) and, in a
 * direct message, to every approver whose platform has no approval channel. Each copy has its
 * own idempotency key, so running this twice sends nothing new.
 */
export async function notifyApprovers(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  const { direct, shared } = await approvalCards(deps, request);
  const requester = parseChatUser(request.requester);
  const channels = policyOf(request).approvalChannels;
  for (const approver of approversOf(request)) {
    if (sameUser(approver, requester)) continue;
    if (channels.some((channel) => channel.platform === approver.platform)) continue;
    const recipient = formatChatUser(approver);
    await deps.outbox.send({
      key: `access:${request.id}:approval:${recipient}`,
      to: { user: approver },
      message: direct,
      about: { subject: subjectOf(request), purpose: ACCESS_PURPOSES.approverDm, recipient },
    });
  }
  for (const channel of channels) {
    await deps.outbox.send({
      key: `access:${request.id}:approval:${channel.platform}-channel:${channel.id}`,
      to: { channel },
      message: shared,
      about: { subject: subjectOf(request), purpose: ACCESS_PURPOSES.approvalChannel },
    });
  }
}

/** Every copy of the approval card shows the request's current state. */
export async function refreshApprovalMessages(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  const { direct, shared } = await approvalCards(deps, request);
  await deps.outbox.updateCopies(subjectOf(request), ACCESS_PURPOSES.approverDm, direct);
  await deps.outbox.updateCopies(subjectOf(request), ACCESS_PURPOSES.approvalChannel, shared);
  await deps.outbox.updateCopies(subjectOf(request), ACCESS_PURPOSES.audit, auditCard(shared));
}

const auditCard = (card: ChatMessage): ChatMessage => ({ ...card, kind: 'access.event', actions: [] });

/** DMs the requester, once per kind of message; by default the message for the current state. */
export async function notifyRequester(
  deps: AccessDeps,
  request: AccessRequestRow,
  message?: ChatMessage,
): Promise<void> {
  const content = message ?? requesterUpdateMessage(request, await peopleOf(deps, request));
  await deps.outbox.send({
    key: `access:${request.id}:requester:${content.kind}`,
    to: { user: parseChatUser(request.requester) },
    message: content,
    about: { subject: subjectOf(request), purpose: 'requester', recipient: request.requester },
  });
}

/**
 * Posts the request once to channels subscribed to the `access` topic (audit channels); later
 * states edit that message and reply in its thread.
 */
export async function publishAccessEvent(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  const { shared } = await approvalCards(deps, request);
  await deps.publishAlert({
    topic: 'access',
    key: `access:${request.id}:audit`,
    message: auditCard(shared),
    attributes: {
      group: request.group_key,
      severity: request.state === 'apply_failed' ? 'critical' : 'info',
    },
    about: { subject: subjectOf(request), purpose: ACCESS_PURPOSES.audit },
  });
}

/**
 * A state change everyone involved cares about: the requester gets a DM (except "approved" for an
 * auto-approved request, which they were told when they asked), every card shows the new state,
 * and each channel message gets a reply in its thread saying what happened.
 */
export async function announceStateChange(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  if (!(request.state === 'approved' && request.auto_approved)) await notifyRequester(deps, request);
  await refreshApprovalMessages(deps, request);
  await publishAccessEvent(deps, request);
  const reply = accessEventReply(request, await peopleOf(deps, request));
  if (!reply) return;
  for (const purpose of [ACCESS_PURPOSES.approvalChannel, ACCESS_PURPOSES.audit]) {
    await deps.outbox.replyInThreads(
      `access:${request.id}:event:${request.state}`,
      subjectOf(request),
      purpose,
      reply,
    );
  }
}
