import { homeCard } from '../../cards/home-card.js';
import { personOf } from '../../identity/teams-person.js';
import { reply } from '../../replies/teams-reply.js';
import type { ParsedCommand } from '../../../../src/commands/parse-command.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import type { TeamsTurn } from '../../replies/teams-reply.js';
import type { TeamsCommand } from './teams-commands.js';

/**
 * `home` (Teams only): what Slack's App Home tab shows, as a card in this chat: my access and the
 * requests waiting for me. The card keeps itself up to date for the person who asked.
 */
export const homeCommand: TeamsCommand = async ({ context, services }) => {
  const person = await personOf(context, services.db);
  await reply(context, await homeCard(services, person, context.activity.from.id));
};

const HOME: ParsedCommand = { name: 'home', args: [], rest: '' };

/**
 * The home card, unasked, when someone adds the bot: skipped (and logged) when Teams did not tell
 * us their e-mail, since the greeting already says what to do.
 */
export async function sendHomeCard(turn: TeamsTurn): Promise<void> {
  try {
    await homeCommand(turn, HOME);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    turn.services.log.info({ reason: error.userMessage }, 'no home card on install');
  }
}
