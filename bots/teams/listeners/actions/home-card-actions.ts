import { decideRequest } from '../../../../src/access/decide-request.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import type { ChatUser } from '../../../../src/ports/chat-user.js';
import { homeCard, homeDenyReasonInput, HOME_VERBS } from '../../cards/home-card.js';
import { personOf } from '../../identity/teams-person.js';
import type { TeamsTurn } from '../../replies/teams-reply.js';
import { TEAMS_LIMITS, type AdaptiveCard, type CardActionData } from '../../render/render-card.js';
import type { Notice } from './approval-card-view.js';
import type { CardAction } from './card-actions.js';

/** The home card of the person clicking, after `work` (whose refusal is shown on top). */
async function onHomeCard(
  turn: TeamsTurn,
  work: (person: ChatUser) => Promise<Notice | undefined>,
): Promise<AdaptiveCard> {
  const person = await personOf(turn.context, turn.services.db);
  let notice: Notice | undefined;
  try {
    notice = await work(person);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    notice = { text: error.userMessage, severity: 'warning' };
  }
  return homeCard(turn.services, person, turn.context.activity.from.id, notice);
}

const requestIdOf = (data: CardActionData) => String(data.value ?? '');

const decide =
  (decision: 'approve' | 'deny'): CardAction =>
  (turn, data) =>
    onHomeCard(turn, async (approver) => {
      const requestId = requestIdOf(data);
      const reason = String(data[homeDenyReasonInput(requestId)] ?? '').trim();
      const result = await decideRequest(turn.services.access, {
        requestId,
        approver,
        decision,
        ...(decision === 'deny' && reason !== '' ? { reason: reason.slice(0, TEAMS_LIMITS.reason) } : {}),
      });
      const group = result.request.group_key;
      if (decision === 'deny') return { text: `You denied ${group}.`, severity: 'info' };
      if (result.outcome !== 'recorded') return { text: `You approved ${group}.`, severity: 'success' };
      const approvals = result.approvals.filter((a) => a.decision === 'approve').length;
      return {
        text: `Approval recorded for ${group}: ${approvals} of ${result.request.min_approvals}. It needs another approver.`,
        severity: 'info',
      };
    });

export const HOME_CARD_ACTIONS: Record<string, CardAction> = {
  [HOME_VERBS.refresh]: (turn) => onHomeCard(turn, async () => undefined),
  [HOME_VERBS.approve]: decide('approve'),
  [HOME_VERBS.deny]: decide('deny'),
};
