import { commandTextProblem } from '../../../../src/commands/command-text.js';
import { parseCommand, type ParsedCommand } from '../../../../src/commands/parse-command.js';
import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import { replyOnError, type TeamsTurn } from '../../replies/teams-reply.js';
import { accessCommand, helpCommand, policiesCommand, revokeCommand } from './access-commands.js';
import { commandText } from './command-text.js';
import { alertsCommand, costCommand } from './cost-commands.js';
import { actionCommand } from './action-command.js';
import { agentsCommand, findingsCommand } from './finding-commands.js';
import { connectCommand } from './connect-command.js';
import { groupCommand, groupsCommand, reviewCommand } from './governance-commands.js';
import { connectorCommand, connectorsCommand } from './connectors-commands.js';
import { homeCommand } from './home-command.js';
import { requestAccessCommand } from './request-access-command.js';
import { subscribeCommand, subscriptionsCommand, unsubscribeCommand } from './subscription-commands.js';

/** One command typed to the bot (in a 1:1 chat, or with an @mention in a channel or group chat). */
export type TeamsCommand = (turn: TeamsTurn, command: ParsedCommand) => Promise<void>;

const COMMANDS = {
  'request-access': requestAccessCommand,
  access: accessCommand,
  revoke: revokeCommand,
  policies: policiesCommand,
  subscribe: subscribeCommand,
  unsubscribe: unsubscribeCommand,
  subscriptions: subscriptionsCommand,
  connect: connectCommand,
  connectors: connectorsCommand,
  connector: connectorCommand,
  findings: findingsCommand,
  agents: agentsCommand,
  cost: costCommand,
  alerts: alertsCommand,
  action: actionCommand,
  groups: groupsCommand,
  group: groupCommand,
  review: reviewCommand,
  help: helpCommand,
  home: homeCommand,
} satisfies Record<string, TeamsCommand>;

/** A Map, so `constructor` or `__proto__` typed as a command is just an unknown name. */
const HANDLERS = new Map<string, TeamsCommand>(Object.entries(COMMANDS));

/** The commands Teams understands (the app manifest's command list). */
export const TEAMS_COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** Routes a typed command to its handler; anything unknown answers with help. */
export async function answerCommand(turn: TeamsTurn): Promise<void> {
  const text = commandText(turn.context.activity);
  const problem = commandTextProblem(text);
  if (problem !== undefined) {
    await replyOnError(turn, () => Promise.reject(new InvalidInput(problem)));
    return;
  }
  const command = parseCommand(text);
  const handler = HANDLERS.get(command.name) ?? helpCommand;
  await replyOnError(turn, () => handler(turn, command));
}
