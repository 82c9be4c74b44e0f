import { helpMessage } from '../../../src/commands/help-message.js';
import type { ChatMessage } from '../../../src/messages/chat-message.js';
import { TEAMS_PERSONAL_COMMANDS } from '../listeners/commands/teams-only-commands.js';

/** The shared help, with the commands only Teams has (`home`) listed first. */
export function teamsHelpMessage(options: { unknownCommand?: string } = {}): ChatMessage {
  const shared = helpMessage({ prefix: '', ...options });
  const own = TEAMS_PERSONAL_COMMANDS.map((command) => `\`${command.usage}\` — ${command.summary}`);
  return { ...shared, body: [...own, ...(shared.body ?? [])] };
}
