import { parseConnectorCommand, runConnectorCommand } from '../../../../src/connectors/connector-command.js';
import { connectorsListMessage } from '../../../../src/connectors/connector-messages.js';
import { listConnectors } from '../../../../src/connectors/list-connectors.js';
import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import { personOf } from '../../identity/teams-person.js';
import { reply } from '../../replies/teams-reply.js';
import type { TeamsCommand } from './teams-commands.js';

/** `connectors`: every connector and region with health, last ingestion and tables. */
export const connectorsCommand: TeamsCommand = async ({ context, services }) => {
  await reply(context, connectorsListMessage(await listConnectors(services.connectors)));
};

/**
 * `connector <add-region|connection-string|remove-region|delete> …` (admins). A connection string
 * is a secret: it is given only in the 1:1 chat, never in a channel everyone reads.
 */
export const connectorCommand: TeamsCommand = async ({ context, services }, parsed) => {
  const command = parseConnectorCommand(parsed.args);
  if (
    command.action === 'connection-string' &&
    context.activity.conversation?.conversationType !== 'personal'
  ) {
    throw new InvalidInput('Ask me for a connection string in our 1:1 chat: it is a secret.');
  }
  const actor = await personOf(context, services.db);
  const answer = await runConnectorCommand(services.connectors, actor, command);
  await reply(context, answer.message);
};
