import type { ChatMessage } from '../messages/chat-message.js';
import { closestCommand } from './closest-command.js';
import { unknownCommandMessage } from './unknown-command-message.js';
import { COMMANDS } from './command-catalog.js';

/** The answer to `help`, and to anything the bot does not understand. */
export function helpMessage(options: { prefix: string; unknownCommand?: string }): ChatMessage {
  if (options.unknownCommand !== undefined) {
    const meant = unknownCommandMessage(options.unknownCommand, options.prefix);
    if (meant) return meant;
  }
  const body = COMMANDS.map((command) => `\`${options.prefix}${command.usage}\` — ${command.summary}`);
  const context: string[] = [];
  if (options.unknownCommand !== undefined) {
    const typed = options.unknownCommand.slice(0, 40);
    const meant = closestCommand(options.unknownCommand);
    context.push(
      meant === undefined
        ? `"${typed}" is not a command I know, so here is what I can do.`
        : `"${typed}" is not a command I know. Did you mean \`${options.prefix}${meant}\`?`,
    );
  }
  return { kind: 'help', title: 'Databricks ChatOps commands', body, context };
}
