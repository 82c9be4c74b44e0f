/**
 * `connector <action> …` as typed in Slack or Teams, parsed once for both front ends and run
 * against the connector use cases. Optional settings are `key:value` words.
 */
import { InvalidInput } from '../errors/domain-errors.js';
import type { ChatMessage } from '../messages/chat-message.js';
import { addRegion, type NewRegionInput } from './add-region.js';
import { generateConnectionString } from './connection-string.js';
import type { ConnectorActor, ConnectorDeps } from './connector-deps.js';
import { regionOutcomeMessage } from './connector-messages.js';
import { deleteConnector } from './delete-connector.js';
import { removeRegion } from './remove-region.js';
import { setWriteAccess, writeCheckFields } from './write-access.js';

export type ConnectorCommand =
  | { action: 'delete'; name: string }
  | { action: 'add-region'; input: NewRegionInput }
  | { action: 'remove-region'; region: string; connector?: string }
  | { action: 'connection-string'; region: string; connector?: string }
  | { action: 'enable-actions' | 'disable-actions'; name: string };

export const CONNECTOR_USAGE = [
  '`connector add-region <region> <workspace-url> [connector:<name>] [warehouse:<id>] [every:15m]`',
  '`connector connection-string <region> [connector:<name>]` — for a collector running in the workspace',
  '`connector remove-region <region> [connector:<name>]`',
  '`connector delete <name>`',
  '`connector enable-actions <name>` / `disable-actions <name>` — let approved actions change its workspaces (off by default)',
];

const usage = (problem: string) => new InvalidInput(`${problem} Usage:\n${CONNECTOR_USAGE.join('\n')}`);

/** Splits words into positional ones and `key:value` options (only `keys` accepted). */
function split(words: string[], keys: string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (const raw of words) {
    // Slack may send links as <https://host|label>.
    const word = raw.replace(/^<([^|>]+)(?:\|[^>]*)?>$/, '$1');
    const option = /^([a-z]+):(.+)$/i.exec(word);
    if (option && keys.includes(option[1]!.toLowerCase()) && !/^https?:/i.test(word)) {
      options[option[1]!.toLowerCase()] = option[2]!;
    } else {
      positional.push(word);
    }
  }
  return { positional, options };
}

export function parseConnectorCommand(args: string[]): ConnectorCommand {
  const [action, ...rest] = args;
  switch (action?.toLowerCase()) {
    case 'delete': {
      const { positional } = split(rest, []);
      if (positional.length !== 1) throw usage('Name the connector to delete.');
      return { action: 'delete', name: positional[0]! };
    }
    case 'add-region': {
      const { positional, options } = split(rest, ['connector', 'warehouse', 'every']);
      if (positional.length !== 2) throw usage('Give the region and a workspace URL in it.');
      return {
        action: 'add-region',
        input: {
          region: positional[0]!,
          workspaceUrl: positional[1]!,
          connector: options.connector,
          warehouse: options.warehouse,
          every: options.every,
        },
      };
    }
    case 'enable-actions':
    case 'disable-actions': {
      const { positional } = split(rest, []);
      if (positional.length !== 1) throw usage('Name the connector.');
      return { action: action.toLowerCase() as 'enable-actions' | 'disable-actions', name: positional[0]! };
    }
    case 'remove-region':
    case 'connection-string': {
      const { positional, options } = split(rest, ['connector']);
      if (positional.length !== 1) throw usage('Name the region.');
      const kind = action.toLowerCase() === 'remove-region' ? 'remove-region' : 'connection-string';
      return { action: kind, region: positional[0]!, connector: options.connector };
    }
    default:
      throw usage(action ? `"${action}" is not a connector action.` : 'What should I do with the connector?');
  }
}

export interface ConnectorCommandReply {
  message: ChatMessage;
  /** The message holds a secret: show it only to the person who asked, never in a channel. */
  secret: boolean;
}

export async function runConnectorCommand(
  deps: ConnectorDeps,
  actor: ConnectorActor,
  command: ConnectorCommand,
): Promise<ConnectorCommandReply> {
  switch (command.action) {
    case 'delete': {
      const deleted = await deleteConnector(deps, actor, command.name);
      const regions = deleted.regions.length === 0 ? 'no regions' : `regions ${deleted.regions.join(', ')}`;
      return {
        secret: false,
        message: {
          kind: 'connector.deleted',
          title: `Connector ${deleted.name} deleted, with ${regions} and its stored secret`,
          severity: 'info',
          context: ['Their collection schedules are stopped. Revoke the OAuth secret in Databricks too.'],
        },
      };
    }
    case 'add-region':
      return { secret: false, message: regionOutcomeMessage(await addRegion(deps, actor, command.input)) };
    case 'enable-actions':
    case 'disable-actions': {
      const result = await setWriteAccess(deps, actor, command.name, command.action === 'enable-actions');
      return {
        secret: false,
        message: result.enabled
          ? {
              kind: 'connector.write_access',
              title: `Write access enabled for connector ${result.connector}`,
              severity: 'warning',
              body: [
                'Approved actions may now change its workspaces. What its service principal may do, per action:',
              ],
              fields: writeCheckFields(result.checks),
              context: [
                '`connector disable-actions` turns it off again; the actions policy still decides who may ask.',
              ],
            }
          : {
              kind: 'connector.write_access',
              title: `Write access disabled for connector ${result.connector}`,
              severity: 'info',
              body: ['The bot only reads its workspaces again; actions on them are refused.'],
            },
      };
    }
    case 'remove-region': {
      const removed = await removeRegion(deps, actor, command);
      return {
        secret: false,
        message: {
          kind: 'connector.region_removed',
          title: `Region ${removed.region} removed from connector ${removed.connector}`,
          severity: 'info',
        },
      };
    }
    case 'connection-string': {
      const generated = await generateConnectionString(deps, actor, command);
      return {
        secret: true,
        message: {
          kind: 'connector.connection_string',
          title: `Connection string for region ${generated.region} (${generated.connector})`,
          severity: 'warning',
          body: [`\`${generated.connectionString}\``],
          context: [
            'Shown once: copy it now into the collector in that workspace. It replaces any earlier string for this region, which stops working.',
            'From now on the bot does not read this region itself: the collector sends its data.',
          ],
        },
      };
    }
  }
}
