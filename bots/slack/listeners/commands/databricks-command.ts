import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { commandTextProblem } from '../../../../src/commands/command-text.js';
import { helpMessage } from '../../../../src/commands/help-message.js';
import { parseCommand, type ParsedCommand } from '../../../../src/commands/parse-command.js';
import type { Services } from '../../../../src/services.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { typedCommandText } from './typed-command-text.js';

export const SLASH_COMMAND = '/databricks';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** One `/databricks <subcommand>`: acknowledges within Slack's 3 seconds and answers. */
export type SubcommandHandler = (
  args: CommandArgs,
  command: ParsedCommand,
  services: Services,
) => Promise<void>;

const helpReply = (unknownCommand?: string) =>
  ephemeral(slackReply(helpMessage({ prefix: `${SLASH_COMMAND} `, unknownCommand })));
/** The same for everyone: rendered once, not on every `/databricks help`. */
const HELP = helpReply();

const answerHelp: SubcommandHandler = async ({ ack }, command) => {
  await ack(command.name === 'help' ? HELP : helpReply(command.name));
};

/**
 * Registers `/databricks` and routes its subcommands through a Map (a typed `constructor` or
 * `__proto__` is just an unknown name); anything unknown answers with help.
 */
export function registerDatabricksCommand(
  app: App,
  services: Services,
  subcommands: Record<string, SubcommandHandler>,
): void {
  const handlers = new Map<string, SubcommandHandler>([['help', answerHelp], ...Object.entries(subcommands)]);
  app.command(SLASH_COMMAND, async (args) => {
    const text = args.command.text ?? '';
    const problem = commandTextProblem(text);
    if (problem !== undefined) {
      await args.ack(ephemeral(slackReply(`:no_entry: ${problem}`)));
      return;
    }
    const command = parseCommand(typedCommandText(text));
    const handler = handlers.get(command.name) ?? answerHelp;
    await handler(args, command, services);
  });
}
