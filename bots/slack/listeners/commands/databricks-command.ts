import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { helpMessage } from '../../../../src/commands/help-message.js';
import { parseCommand, type ParsedCommand } from '../../../../src/commands/parse-command.js';
import type { Services } from '../../../../src/services.js';
import { renderSlackMessage } from '../../render/render-message.js';

export const SLASH_COMMAND = '/databricks';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** One `/databricks <subcommand>`: acknowledges within Slack's 3 seconds and answers. */
export type SubcommandHandler = (
  args: CommandArgs,
  command: ParsedCommand,
  services: Services,
) => Promise<void>;

const answerHelp: SubcommandHandler = async ({ ack }, command) => {
  const unknownCommand = command.name === 'help' ? undefined : command.name;
  await ack({
    response_type: 'ephemeral',
    ...renderSlackMessage(helpMessage({ prefix: `${SLASH_COMMAND} `, unknownCommand })),
  });
};

/** Registers `/databricks` and routes its subcommands; anything unknown answers with help. */
export function registerDatabricksCommand(
  app: App,
  services: Services,
  subcommands: Record<string, SubcommandHandler>,
): void {
  const handlers: Record<string, SubcommandHandler> = { help: answerHelp, ...subcommands };
  app.command(SLASH_COMMAND, async (args) => {
    const command = parseCommand(args.command.text);
    const handler = handlers[command.name] ?? answerHelp;
    await handler(args, command, services);
  });
}
