import { assertConnectorAdmin, requireSecretBox } from '../../../../src/connectors/connector-deps.js';
import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import { connectModal } from '../../views/connect-modal.js';
import { replyOnError } from '../reply-on-error.js';
import type { SubcommandHandler } from './databricks-command.js';

/**
 * `/databricks connect` (admins): opens the account connector form. Credentials are never taken
 * as command text, where they would sit in the message box and in Slack's logs.
 */
export const connectCommand: SubcommandHandler = async (
  { ack, respond, command, client },
  parsed,
  services,
) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    if (parsed.args.length > 0) {
      throw new InvalidInput(
        'Type `/databricks connect` alone: the credentials go into the form, not the command.',
      );
    }
    assertConnectorAdmin(services.connectors, { platform: 'slack', id: command.user_id });
    requireSecretBox(services.connectors);
    await client.views.open({ trigger_id: command.trigger_id, view: connectModal() });
  });
};
