import { acknowledgeCostAlert, findCostAlert } from '../../../../src/cost/alerts/acknowledge-cost-alert.js';
import {
  COST_ALERT_ACTIONS,
  SNOOZE_SECONDS,
  costAlertMessage,
} from '../../../../src/cost/alerts/cost-alert-messages.js';
import { snoozeCostAlert } from '../../../../src/cost/alerts/snooze-cost-alert.js';
import type { CostAlertRow } from '../../../../src/db/tables/cost-alerts.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import type { ChatUser } from '../../../../src/ports/chat-user.js';
import { personOf } from '../../identity/teams-person.js';
import { renderAdaptiveCard } from '../../render/render-card.js';
import type { TeamsTurn } from '../../replies/teams-reply.js';
import { noticeCard } from './approval-card-view.js';
import type { CardAction } from './card-actions.js';

/**
 * Runs Acknowledge or Snooze on a cost alert card and answers with the alert as it now reads;
 * a click that changes nothing (already acknowledged, resolved) shows why on top of the card.
 */
function onAlertCard(
  work: (turn: TeamsTurn, alertId: string, person: ChatUser) => Promise<CostAlertRow>,
): CardAction {
  return async (turn, data) => {
    const alertId = String(data.value ?? '');
    try {
      const row = await work(turn, alertId, await personOf(turn.context, turn.services.db));
      return renderAdaptiveCard(costAlertMessage(row));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const notice = { text: error.userMessage, severity: 'warning' as const };
      const row = await findCostAlert(turn.services.cost, alertId).catch(() => undefined);
      return row ? renderAdaptiveCard(costAlertMessage(row), { notice }) : noticeCard(notice);
    }
  };
}

export const COST_ALERT_CARD_ACTIONS: Record<string, CardAction> = {
  [COST_ALERT_ACTIONS.acknowledge]: onAlertCard((turn, id, person) =>
    acknowledgeCostAlert(turn.services.cost, id, person),
  ),
  [COST_ALERT_ACTIONS.snoozeDay]: onAlertCard((turn, id, person) =>
    snoozeCostAlert(turn.services.cost, id, person, SNOOZE_SECONDS[COST_ALERT_ACTIONS.snoozeDay]!),
  ),
  [COST_ALERT_ACTIONS.snoozeWeek]: onAlertCard((turn, id, person) =>
    snoozeCostAlert(turn.services.cost, id, person, SNOOZE_SECONDS[COST_ALERT_ACTIONS.snoozeWeek]!),
  ),
};
