import { addConnector } from '../../../../src/connectors/add-connector.js';
import { connectorOutcomeMessage } from '../../../../src/connectors/connector-messages.js';
import { CONNECTOR_FIELDS, type NewConnectorInput } from '../../../../src/connectors/connector-input.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import { connectForm } from '../../cards/connect-form.js';
import { personOf } from '../../identity/teams-person.js';
import { renderAdaptiveCard } from '../../render/render-card.js';
import type { CardAction } from './card-actions.js';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The connector form was sent: the checks run and their report replaces the form. A refusal
 * before the checks (a malformed field, a taken name, not an admin) shows the form again with
 * the reason and everything typed except the secret.
 */
export const connectFormSubmitted: CardAction = async (turn, data) => {
  const input: NewConnectorInput = {
    name: text(data[CONNECTOR_FIELDS.name]),
    workspaceUrl: text(data[CONNECTOR_FIELDS.workspaceUrl]),
    accountId: text(data[CONNECTOR_FIELDS.accountId]),
    clientId: text(data[CONNECTOR_FIELDS.clientId]),
    clientSecret: text(data[CONNECTOR_FIELDS.clientSecret]),
    warehouse: text(data[CONNECTOR_FIELDS.warehouse]) || undefined,
  };
  try {
    const actor = await personOf(turn.context, turn.services.db);
    const outcome = await addConnector(turn.services.connectors, actor, input);
    return renderAdaptiveCard(connectorOutcomeMessage(outcome));
  } catch (error) {
    if (error instanceof DomainError) {
      const { clientSecret: _secret, ...kept } = input;
      return connectForm(kept, error.userMessage);
    }
    throw error;
  }
};
