import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import { groupDetails } from '../../../../src/governance/group-details.js';
import { groupMessage, groupsMessage } from '../../../../src/governance/governance-messages.js';
import { listGroups } from '../../../../src/governance/list-groups.js';
import { runReviewCommand } from '../../../../src/governance/reviews/review-command.js';
import { personOf } from '../../identity/teams-person.js';
import { reply } from '../../replies/teams-reply.js';
import type { TeamsCommand } from './teams-commands.js';

/** `groups [filter]`: discovered groups with members, requestability and owners. */
export const groupsCommand: TeamsCommand = async (turn, parsed) => {
  const filter = parsed.rest === '' ? undefined : parsed.rest;
  await reply(turn.context, groupsMessage(await listGroups(turn.services.governance, filter), filter));
};

/** `group <name>`: standing members, active grants, recent changes. */
export const groupCommand: TeamsCommand = async (turn, parsed) => {
  if (parsed.rest === '') throw new InvalidInput('Usage: `group <name>` (see `groups`).');
  await reply(turn.context, groupMessage(await groupDetails(turn.services.governance, parsed.rest)));
};

/** `review start|status|report …` (admins and integration owners). */
export const reviewCommand: TeamsCommand = async (turn, parsed) => {
  const person = await personOf(turn.context, turn.services.db);
  await reply(turn.context, await runReviewCommand(turn.services.governance, parsed.args, person));
};
