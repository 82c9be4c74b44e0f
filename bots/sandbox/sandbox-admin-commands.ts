import { addConnector, precheckConnector } from '../../src/connectors/add-connector.js';
import { CONNECTOR_FIELDS, type NewConnectorInput } from '../../src/connectors/connector-input.js';
import { connectorOutcomeMessage } from '../../src/connectors/connector-messages.js';
import { DomainError, InvalidInput } from '../../src/errors/domain-errors.js';
import type { ChatUser } from '../../src/ports/chat-user.js';
import type { Services } from '../../src/services.js';
import {
  describe,
  subscribeChannel,
  subscriptionsOf,
  unsubscribeChannel,
} from '../../src/subscriptions/channel-subscriptions.js';
import { subscriptionsListMessage } from '../../src/subscriptions/subscription-messages.js';
import { SLASH_COMMAND, type SandboxOutcome } from './sandbox-interactions.js';

/** The admin commands of the console: channel subscriptions and the connector form. */
const text = (title: string): SandboxOutcome => ({ reply: { kind: 'sandbox.reply', title } });

/** `subscribe`, `unsubscribe` and `subscriptions`, about the channel the command was typed in. */
export async function subscriptionCommand(
  services: Services,
  user: ChatUser,
  name: 'subscribe' | 'unsubscribe' | 'subscriptions',
  args: string[],
  channelId: string,
): Promise<SandboxOutcome> {
  if (channelId.startsWith('dm:')) {
    throw new InvalidInput(`Type \`${SLASH_COMMAND} ${name}\` in the channel it is about (e.g. #finops).`);
  }
  const channel = { platform: 'sandbox', id: channelId } as const;
  const [topic, ...filterWords] = args;
  if (name === 'subscriptions') {
    return { reply: subscriptionsListMessage(await subscriptionsOf(services.subscriptions, channel)) };
  }
  if (name === 'subscribe') {
    const result = await subscribeChannel(services.subscriptions, {
      actor: user,
      channel,
      topic,
      filterWords,
    });
    return text(`:bell: #${channelId} now gets ${result.topic} alerts${describe(result.filter)}.`);
  }
  await unsubscribeChannel(services.subscriptions, { actor: user, channel, topic, filterWords });
  return text(`:no_bell: #${channelId} no longer gets ${topic} alerts.`);
}

/** The connector form: quick refusals go back to the form, then every check is reported. */
export async function submitConnectForm(
  services: Services,
  user: ChatUser,
  values: Record<string, string>,
): Promise<SandboxOutcome> {
  const field = (name: string) => (values[name] ?? '').trim();
  const input: NewConnectorInput = {
    name: field(CONNECTOR_FIELDS.name),
    workspaceUrl: field(CONNECTOR_FIELDS.workspaceUrl),
    accountId: field(CONNECTOR_FIELDS.accountId),
    clientId: field(CONNECTOR_FIELDS.clientId),
    clientSecret: values[CONNECTOR_FIELDS.clientSecret] ?? '',
    warehouse: field(CONNECTOR_FIELDS.warehouse) || undefined,
  };
  try {
    await precheckConnector(services.connectors, user, input);
  } catch (error) {
    if (error instanceof DomainError) {
      return { errors: { [error.field ?? CONNECTOR_FIELDS.name]: error.userMessage } };
    }
    throw error;
  }
  return { reply: connectorOutcomeMessage(await addConnector(services.connectors, user, input)) };
}
