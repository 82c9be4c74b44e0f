import { actionRequestedText, parseActionCommand } from '../../../../src/actions/action-command.js';
import { requestAction } from '../../../../src/actions/request-action.js';
import { personOf } from '../../identity/teams-person.js';
import { reply } from '../../replies/teams-reply.js';
import type { TeamsCommand } from './teams-commands.js';

/** `action <kind> <workspace> <id> [reason…]`: files a remediation action. */
export const actionCommand: TeamsCommand = async (turn, parsed) => {
  const typed = parseActionCommand(parsed.args);
  const row = await requestAction(turn.services.actions, {
    requester: await personOf(turn.context, turn.services.db),
    kind: typed.kind,
    workspace: typed.workspace,
    target: typed.target,
    reason: typed.reason,
  });
  await reply(turn.context, { kind: 'action.requested', title: actionRequestedText(row), severity: 'info' });
};
