import { assertConnectorAdmin, requireSecretBox } from '../../../../src/connectors/connector-deps.js';
import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import { connectForm } from '../../cards/connect-form.js';
import { personOf } from '../../identity/teams-person.js';
import { reply } from '../../replies/teams-reply.js';
import type { TeamsCommand } from './teams-commands.js';

/** `connect` (admins): answers with the account connector form. Credentials never go in the command. */
export const connectCommand: TeamsCommand = async ({ context, services }, parsed) => {
  if (parsed.args.length > 0) {
    throw new InvalidInput('Type `connect` alone: the credentials go into the form, not the message.');
  }
  assertConnectorAdmin(services.connectors, await personOf(context, services.db));
  requireSecretBox(services.connectors);
  await reply(context, connectForm());
};
