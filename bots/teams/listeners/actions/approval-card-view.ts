import { ACCESS_ACTIONS } from '../../../../src/access/access-messages.js';
import { approvalCards } from '../../../../src/access/access-notifications.js';
import { approvalsOf, findRequest } from '../../../../src/access/access-request-queries.js';
import { approversOf } from '../../../../src/access/policy-snapshot.js';
import { mayApprove, sameUser } from '../../../../src/access/policy/policy-decisions.js';
import type { ChatMessage } from '../../../../src/messages/chat-message.js';
import { formatChatUser, parseChatUser, type ChatUser } from '../../../../src/ports/chat-user.js';
import type { Services } from '../../../../src/services.js';
import { refreshOptionsFor } from '../../render/card-refresh.js';
import { renderAdaptiveCard, type AdaptiveCard, type RenderOptions } from '../../render/render-card.js';

export type Notice = NonNullable<RenderOptions['notice']>;

/**
 * The approval card as one person should see it now: approvers who have not decided see
 * Approve/Deny, the requester and approvers see Revoke on an active grant, everyone else the
 * status only. Undefined when there is no such request.
 */
export async function approvalCardFor(
  services: Services,
  requestId: string,
  viewer: ChatUser | undefined,
  notice?: Notice,
): Promise<AdaptiveCard | undefined> {
  const request = await findRequest(services.db, requestId);
  if (!request) return undefined;
  const approvals = await approvalsOf(services.db, request.id);
  const requester = parseChatUser(request.requester);
  const isApprover = viewer !== undefined && mayApprove({ approvers: approversOf(request) }, viewer);
  const cards = await approvalCards(services.access, request);
  const message = isApprover ? cards.direct : cards.shared;
  const isRequester = viewer !== undefined && sameUser(viewer, requester);
  const decided = viewer !== undefined && approvals.some((a) => a.approver === formatChatUser(viewer));
  const allowed = (id: string) =>
    id === ACCESS_ACTIONS.revoke ? isApprover || isRequester : isApprover && !isRequester && !decided;
  const view: ChatMessage = { ...message, actions: (message.actions ?? []).filter((a) => allowed(a.id)) };
  const options = await refreshOptionsFor(services.db, message);
  return renderAdaptiveCard(view, { ...options, ...(notice ? { notice } : {}) });
}

/** A card that only says something (when there is no request card to show it on). */
export function noticeCard(notice: Notice): AdaptiveCard {
  return renderAdaptiveCard({ kind: 'notice', title: notice.text, severity: notice.severity });
}
