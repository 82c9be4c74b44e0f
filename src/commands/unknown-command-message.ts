import type { ChatMessage } from '../messages/chat-message.js';
import { closestCommand } from './closest-command.js';

/**
 * The answer to a typo that is close to a command: what was meant, in one line, instead of the
 * whole help. Undefined when nothing is close (the help answers then).
 */
export function unknownCommandMessage(typed: string, prefix: string): ChatMessage | undefined {
  const meant = closestCommand(typed);
  if (meant === undefined) return undefined;
  return {
    kind: 'help.did_you_mean',
    title: `"${typed.slice(0, 40)}" is not a command. Did you mean ${prefix}${meant}?`,
    context: [`${prefix}help lists every command.`],
  };
}
