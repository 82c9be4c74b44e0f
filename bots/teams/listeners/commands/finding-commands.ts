import { agentsListMessage } from '../../../../src/agents/list-agents.js';
import { listOpenFindings, parseFindingsQuery } from '../../../../src/findings/list-findings.js';
import { reply } from '../../replies/teams-reply.js';
import type { TeamsCommand } from './teams-commands.js';

/** `findings [agent] [severity]`: open agent security findings. */
export const findingsCommand: TeamsCommand = async (turn, parsed) => {
  await reply(turn.context, await listOpenFindings(turn.services.findings, parseFindingsQuery(parsed.args)));
};

/** `agents`: discovered agents, their trace sources and last scan. */
export const agentsCommand: TeamsCommand = async (turn) => {
  await reply(turn.context, await agentsListMessage(turn.services.db));
};
