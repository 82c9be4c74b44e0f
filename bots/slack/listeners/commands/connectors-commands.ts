import { parseConnectorCommand, runConnectorCommand } from '../../../../src/connectors/connector-command.js';
import { connectorsListMessage } from '../../../../src/connectors/connector-messages.js';
import { listConnectors } from '../../../../src/connectors/list-connectors.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';
import type { SubcommandHandler } from './databricks-command.js';

/** `/databricks connectors`: every connector and region with health (only the asker sees it). */
export const connectorsCommand: SubcommandHandler = async ({ ack, respond }, _parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    const message = connectorsListMessage(await listConnectors(services.connectors));
    await respond(ephemeral(slackReply(message)));
  });
};

/**
 * `/databricks connector <add-region|connection-string|remove-region|delete> …` (admins). Every
 * answer is ephemeral; a connection string above all is shown to the admin who asked and nobody else.
 */
export const connectorCommand: SubcommandHandler = async ({ ack, respond, command }, parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    const reply = await runConnectorCommand(
      services.connectors,
      { platform: 'slack', id: command.user_id },
      parseConnectorCommand(parsed.args),
    );
    await respond(ephemeral(slackReply(reply.message)));
  });
};
