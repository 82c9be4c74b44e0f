import type { App } from '@slack/bolt';
import { addConnector, precheckConnector } from '../../../../src/connectors/add-connector.js';
import { connectorOutcomeMessage } from '../../../../src/connectors/connector-messages.js';
import { CONNECTOR_FIELDS, type NewConnectorInput } from '../../../../src/connectors/connector-input.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import type { Services } from '../../../../src/services.js';
import { directMessage, formErrors, slackReply, type SlackReply } from '../../render/slack-reply.js';
import { CONNECT_MODAL } from '../../views/connect-modal.js';
import { errorReply } from '../reply-on-error.js';

type StateValues = Record<string, Record<string, { value?: string | null }>>;

const FIELD_IDS = new Set<string>(Object.values(CONNECTOR_FIELDS));

/**
 * The connector form was sent. Quick refusals (not an admin, no encryption key, a malformed
 * field, a taken name) are answered inside the form; then the form closes, the checks run, and
 * their report arrives as a DM. The secret goes nowhere but the use case.
 */
export function registerConnectSubmitted(app: App, services: Services): void {
  app.view(CONNECT_MODAL, async ({ ack, body, view, client }) => {
    const values = view.state.values as StateValues;
    const field = (id: string) => values[id]?.[id]?.value ?? '';
    const input: NewConnectorInput = {
      name: field(CONNECTOR_FIELDS.name),
      workspaceUrl: field(CONNECTOR_FIELDS.workspaceUrl),
      accountId: field(CONNECTOR_FIELDS.accountId),
      clientId: field(CONNECTOR_FIELDS.clientId),
      clientSecret: field(CONNECTOR_FIELDS.clientSecret),
      warehouse: field(CONNECTOR_FIELDS.warehouse) || undefined,
    };
    const actor = { platform: 'slack' as const, id: body.user.id };
    try {
      await precheckConnector(services.connectors, actor, input);
    } catch (error) {
      if (error instanceof DomainError) {
        const blockId = error.field && FIELD_IDS.has(error.field) ? error.field : CONNECTOR_FIELDS.name;
        await ack(formErrors({ [blockId]: error.userMessage }));
        return;
      }
      throw error;
    }
    await ack();
    let reply: SlackReply;
    try {
      reply = slackReply(connectorOutcomeMessage(await addConnector(services.connectors, actor, input)));
    } catch (error) {
      reply = errorReply(services.log, error);
    }
    await client.chat.postMessage(directMessage(body.user.id, reply));
  });
}
