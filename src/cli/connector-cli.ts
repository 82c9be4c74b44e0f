import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { addConnector } from '../connectors/add-connector.js';
import { runConnectorCommand, type ConnectorCommand } from '../connectors/connector-command.js';
import type { CliOperator } from '../connectors/connector-deps.js';
import { connectorOutcomeMessage, connectorsListMessage } from '../connectors/connector-messages.js';
import { listConnectors } from '../connectors/list-connectors.js';
import { CliUsageError, EXIT, type CliCommand, type CliContext } from './cli-context.js';
import { plainText } from './plain-text.js';
import { readClientSecret, refuseSecretArgument } from './read-secret.js';

const USAGE = [
  'connector add --name <name> --workspace-url <url> --account-id <uuid> --client-id <id>',
  '              (--client-secret-file <path|-> | --client-secret-env <VARIABLE>) [--warehouse <name|id>]',
  'connector list',
  'connector delete --name <name>',
  'connector add-region --region <region> --workspace-url <url> [--connector <name>] [--warehouse <id>] [--every 15m]',
  'connector remove-region --region <region> [--connector <name>]',
  'connector connection-string --region <region> [--connector <name>]   (prints the string once, on stdout)',
];

function operator(context: CliContext): CliOperator {
  let name = context.io.env.USER ?? 'operator';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (containers): keep $USER
  }
  return { platform: 'cli', id: name };
}

function flags<T extends Record<string, { type: 'string' }>>(
  args: string[],
  options: T,
  required: (keyof T)[],
) {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | undefined
    >;
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  for (const name of required) {
    if (!values[name as string]) throw new CliUsageError(`--${String(name)} is required.`);
  }
  return values;
}

const text = { type: 'string' } as const;

async function add(args: string[], context: CliContext): Promise<number> {
  refuseSecretArgument(args);
  const values = flags(
    args,
    {
      name: text,
      'workspace-url': text,
      'account-id': text,
      'client-id': text,
      'client-secret-file': text,
      'client-secret-env': text,
      warehouse: text,
    },
    ['name', 'workspace-url', 'account-id', 'client-id'],
  );
  const clientSecret = await readClientSecret(context.io, {
    file: values['client-secret-file'],
    env: values['client-secret-env'],
  });
  const services = await context.services();
  const outcome = await addConnector(services.connectors, operator(context), {
    name: values.name!,
    workspaceUrl: values['workspace-url']!,
    accountId: values['account-id']!,
    clientId: values['client-id']!,
    clientSecret,
    warehouse: values.warehouse,
  });
  context.io.stdout(plainText(connectorOutcomeMessage(outcome)));
  return outcome.saved ? EXIT.ok : EXIT.refused;
}

async function list(args: string[], context: CliContext): Promise<number> {
  flags(args, {}, []);
  const services = await context.services();
  context.io.stdout(plainText(connectorsListMessage(await listConnectors(services.connectors))));
  return EXIT.ok;
}

function commandFrom(action: string, args: string[]): ConnectorCommand {
  if (action === 'delete') return { action, name: flags(args, { name: text }, ['name']).name! };
  if (action === 'add-region') {
    const values = flags(
      args,
      { region: text, 'workspace-url': text, connector: text, warehouse: text, every: text },
      ['region', 'workspace-url'],
    );
    return {
      action,
      input: {
        region: values.region!,
        workspaceUrl: values['workspace-url']!,
        connector: values.connector,
        warehouse: values.warehouse,
        every: values.every,
      },
    };
  }
  const values = flags(args, { region: text, connector: text }, ['region']);
  return {
    action: action as 'remove-region' | 'connection-string',
    region: values.region!,
    connector: values.connector,
  };
}

async function manage(action: string, args: string[], context: CliContext): Promise<number> {
  const command = commandFrom(action, args);
  const services = await context.services();
  const reply = await runConnectorCommand(services.connectors, operator(context), command);
  if (command.action === 'connection-string') {
    // The string alone on stdout (for a secret store); the explanation on stderr.
    const [line] = reply.message.body ?? [];
    context.io.stdout(`${(line ?? '').replace(/^`|`$/g, '')}\n`);
    context.io.stderr(plainText({ ...reply.message, body: [] }));
    return EXIT.ok;
  }
  context.io.stdout(plainText(reply.message));
  const refused = reply.message.kind === 'connector.validation' && reply.message.severity === 'critical';
  return refused ? EXIT.refused : EXIT.ok;
}

/** `npm run cli -- connector …`: the chat commands for automation. */
export const connectorCli: CliCommand = {
  summary: 'Add, list and delete Databricks connectors and regions; generate remote collector strings.',
  usage: USAGE,
  async run(args, context) {
    const [action, ...rest] = args;
    switch (action) {
      case 'add':
        return add(rest, context);
      case 'list':
        return list(rest, context);
      case 'delete':
      case 'add-region':
      case 'remove-region':
      case 'connection-string':
        return manage(action, rest, context);
      default:
        throw new CliUsageError(action ? `Unknown connector action "${action}".` : 'Which connector action?');
    }
  },
};
