import { DomainError } from '../../../../src/errors/domain-errors.js';
import { pressReviewButton } from '../../../../src/governance/reviews/press-review-button.js';
import { reviewCardNow } from '../../../../src/governance/reviews/review-card-now.js';
import { REVIEW_ACTION_IDS } from '../../../../src/governance/reviews/review-messages.js';
import { personOf } from '../../identity/teams-person.js';
import { renderAdaptiveCard, type AdaptiveCard, type CardActionData } from '../../render/render-card.js';
import type { TeamsTurn } from '../../replies/teams-reply.js';
import type { CardAction } from './card-actions.js';

/**
 * A review card's button (Keep, Remove, Convert, Keep all, a page): runs the use case and answers
 * with the card as it now reads, what happened on top; the other owners' copies are edited
 * through the outbox. A refusal is shown on top of the card.
 */
function reviewAction(actionId: string): CardAction {
  return async (turn: TeamsTurn, data: CardActionData): Promise<AdaptiveCard> => {
    const value = String(data.value ?? '');
    const person = await personOf(turn.context, turn.services.db);
    let notice: { text: string; severity: 'success' | 'warning' } | undefined;
    try {
      const { text } = await pressReviewButton(turn.services.governance, actionId, value, person);
      if (text !== undefined) notice = { text, severity: 'success' };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      notice = { text: error.userMessage, severity: 'warning' };
    }
    const card = await reviewCardNow(turn.services.governance, actionId, value, person);
    if (!card) {
      return renderAdaptiveCard({
        kind: 'error',
        title: notice?.text ?? 'That review card is gone.',
        severity: 'warning',
      });
    }
    return renderAdaptiveCard(card, notice ? { notice } : {});
  };
}

export const REVIEW_CARD_ACTIONS: Record<string, CardAction> = Object.fromEntries(
  REVIEW_ACTION_IDS.map((id) => [id, reviewAction(id)]),
);
