import { errorMessage, reply, type TeamsTurn } from '../../replies/teams-reply.js';
import { TEAMS_VERBS } from '../../render/card-refresh.js';
import { renderAdaptiveCard, type AdaptiveCard, type CardActionData } from '../../render/render-card.js';
import { ACCESS_CARD_ACTIONS } from './access-card-actions.js';
import { COST_ALERT_CARD_ACTIONS } from './cost-alert-card-actions.js';
import { FINDING_CARD_ACTIONS } from './finding-card-actions.js';
import { HOME_CARD_ACTIONS } from './home-card-actions.js';
import { REMEDIATION_CARD_ACTIONS } from './remediation-card-actions.js';
import { REVIEW_CARD_ACTIONS } from './review-card-actions.js';
import { requestFormSubmitted } from './request-form-submitted.js';
import { CONNECT_FORM_VERB } from '../../cards/connect-form.js';
import { connectFormSubmitted } from './connect-form-submitted.js';

/** A button on one of our cards: returns the card the clicker should see next. */
export type CardAction = (turn: TeamsTurn, data: CardActionData) => Promise<AdaptiveCard>;

/** A Map, so a verb like `constructor` or `__proto__` is just an unknown button. */
const CARD_ACTIONS = new Map<string, CardAction>([
  ...Object.entries(ACCESS_CARD_ACTIONS),
  ...Object.entries(COST_ALERT_CARD_ACTIONS),
  ...Object.entries(FINDING_CARD_ACTIONS),
  ...Object.entries(HOME_CARD_ACTIONS),
  ...Object.entries(REMEDIATION_CARD_ACTIONS),
  ...Object.entries(REVIEW_CARD_ACTIONS),
  [TEAMS_VERBS.requestForm, requestFormSubmitted],
  [CONNECT_FORM_VERB, connectFormSubmitted],
]);

/**
 * Runs the action a card asked for (by Action.Execute verb, or the `action` in the data of the
 * Action.Submit fallback). A refusal or failure becomes a card saying so, never an HTTP error.
 */
export async function runCardAction(
  turn: TeamsTurn,
  verb: string,
  data: CardActionData,
): Promise<AdaptiveCard> {
  const action = CARD_ACTIONS.get(verb);
  if (!action) {
    return renderAdaptiveCard({
      kind: 'error',
      title: 'That button is not one I know any more.',
      severity: 'warning',
    });
  }
  try {
    return await action(turn, data);
  } catch (error) {
    return renderAdaptiveCard(errorMessage(turn.services.log, error));
  }
}

/** The Action.Submit fallback arrives as a message whose `value` is the card's data. */
export function submittedCardData(value: unknown): CardActionData | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const data = value as Partial<CardActionData>;
  return typeof data.action === 'string' ? (data as CardActionData) : undefined;
}

/** Answers an Action.Submit: older clients cannot take a card back, so the result is a new message. */
export async function answerSubmittedCard(turn: TeamsTurn, data: CardActionData): Promise<void> {
  await reply(turn.context, await runCardAction(turn, data.action, data));
}
