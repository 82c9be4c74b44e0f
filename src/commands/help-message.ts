import type { ChatMessage } from '../messages/chat-message.js';
import { COMMANDS } from './command-catalog.js';

/** The answer to `help`, and to anything the bot does not understand. */
export function helpMessage(options: { prefix: string; unknownCommand?: string }): ChatMessage {
  const body = COMMANDS.map((command) => `\`${options.prefix}${command.usage}\` — ${command.summary}`);
  const context =
    options.unknownCommand === undefined
      ? []
      : [`"${options.unknownCommand}" is not a command I know, so here is what I can do.`];
  return {
    kind: 'help',
    title: 'Databricks ChatOps commands',
    body,
    context,
  };
}
