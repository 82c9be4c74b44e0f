import { DomainError } from '../../../../src/errors/domain-errors.js';
import { findingCardNow } from '../../../../src/findings/finding-card-now.js';
import { FINDING_ACTION_IDS, pressFindingButton } from '../../../../src/findings/press-finding-button.js';
import { personOf } from '../../identity/teams-person.js';
import { renderAdaptiveCard, type AdaptiveCard, type CardActionData } from '../../render/render-card.js';
import type { TeamsTurn } from '../../replies/teams-reply.js';
import type { CardAction } from './card-actions.js';

/**
 * A finding card's button: runs the use case and answers with the card as it now reads (the
 * other posted copies are edited through the outbox); a refusal is shown on top of the card.
 */
function findingAction(actionId: string): CardAction {
  return async (turn: TeamsTurn, data: CardActionData): Promise<AdaptiveCard> => {
    const findingId = String(data.value ?? '');
    let notice: { text: string; severity: 'success' | 'warning' };
    try {
      const person = await personOf(turn.context, turn.services.db);
      const { text } = await pressFindingButton(turn.services.findings, actionId, findingId, person);
      notice = { text, severity: 'success' };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      notice = { text: error.userMessage, severity: 'warning' };
    }
    const card = await findingCardNow(turn.services.findings, findingId);
    return card
      ? renderAdaptiveCard(card, { notice })
      : renderAdaptiveCard({ kind: 'error', title: notice.text, severity: notice.severity });
  };
}

export const FINDING_CARD_ACTIONS: Record<string, CardAction> = Object.fromEntries(
  FINDING_ACTION_IDS.map((id) => [id, findingAction(id)]),
);
