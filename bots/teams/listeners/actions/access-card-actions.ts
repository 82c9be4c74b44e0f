import { ACCESS_ACTIONS } from '../../../../src/access/access-messages.js';
import { requestExtension } from '../../../../src/access/request-extension.js';
import { decideRequest } from '../../../../src/access/decide-request.js';
import { revokeGrant } from '../../../../src/access/revoke-grant.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import type { ChatUser } from '../../../../src/ports/chat-user.js';
import { personOf } from '../../identity/teams-person.js';
import { requestResultMessage } from '../../replies/request-result-message.js';
import { TEAMS_VERBS } from '../../render/card-refresh.js';
import { DENY_REASON_INPUT, renderAdaptiveCard, type AdaptiveCard } from '../../render/render-card.js';
import type { TeamsTurn } from '../../replies/teams-reply.js';
import { approvalCardFor, noticeCard, type Notice } from './approval-card-view.js';
import type { CardAction } from './card-actions.js';

const requestIdOf = (data: { value?: string }) => String(data.value ?? '');

/**
 * Runs a decision on a request's card and answers with the card as the clicker should now see
 * it; a refusal (own request, not an approver, already decided) is shown on top of that card.
 */
async function onRequestCard(
  turn: TeamsTurn,
  requestId: string,
  work: (person: ChatUser) => Promise<Notice | undefined>,
): Promise<AdaptiveCard> {
  let person: ChatUser | undefined;
  let notice: Notice | undefined;
  try {
    person = await personOf(turn.context, turn.services.db);
    notice = await work(person);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    notice = { text: error.userMessage, severity: 'warning' };
  }
  return (
    (await approvalCardFor(turn.services, requestId, person, notice)) ??
    noticeCard(notice ?? { text: 'I cannot find that access request.', severity: 'warning' })
  );
}

const approve: CardAction = (turn, data) =>
  onRequestCard(turn, requestIdOf(data), async (approver) => {
    const result = await decideRequest(turn.services.access, {
      requestId: requestIdOf(data),
      approver,
      decision: 'approve',
    });
    if (result.outcome !== 'recorded') return undefined;
    const approvals = result.approvals.filter((a) => a.decision === 'approve').length;
    return {
      text: `Approval recorded: ${approvals} of ${result.request.min_approvals}. It needs another approver.`,
      severity: 'info',
    };
  });

const deny: CardAction = (turn, data) =>
  onRequestCard(turn, requestIdOf(data), async (approver) => {
    const reason = String(data[DENY_REASON_INPUT] ?? '').trim();
    await decideRequest(turn.services.access, {
      requestId: requestIdOf(data),
      approver,
      decision: 'deny',
      reason: reason === '' ? undefined : reason.slice(0, 1000),
    });
    return undefined;
  });

const revoke: CardAction = (turn, data) =>
  onRequestCard(turn, requestIdOf(data), async (actor) => {
    const grant = await revokeGrant(turn.services.access, requestIdOf(data), { actor });
    return { text: `Revoking access to ${grant.group_key} now.`, severity: 'info' };
  });

/** The expiry warning's Extend: a new request under the same policy, starting when this grant ends. */
const extend: CardAction = async (turn, data) => {
  const { access, db } = turn.services;
  const extension = await requestExtension(access, requestIdOf(data), await personOf(turn.context, db));
  return renderAdaptiveCard(requestResultMessage(extension));
};

/** Teams asks for the card as this person should see it (refresh, when they look at it). */
const refresh: CardAction = async (turn, data) => {
  const viewer = await personOf(turn.context, turn.services.db).catch(() => undefined);
  return (
    (await approvalCardFor(turn.services, requestIdOf(data), viewer)) ??
    noticeCard({ text: 'I cannot find that access request.', severity: 'warning' })
  );
};

export const ACCESS_CARD_ACTIONS: Record<string, CardAction> = {
  [ACCESS_ACTIONS.approve]: approve,
  [ACCESS_ACTIONS.deny]: deny,
  [ACCESS_ACTIONS.extend]: extend,
  [ACCESS_ACTIONS.revoke]: revoke,
  [TEAMS_VERBS.refreshRequest]: refresh,
};
