import type { ChatUser } from '../ports/chat-user.js';
import { actionRequestedText } from './action-command.js';
import type { ActionDeps } from './action-deps.js';
import { ACTION_BUTTONS } from './action-messages.js';
import { decideAction } from './decide-action.js';
import { requestActionFromSource } from './request-from-source.js';
import { undoAction } from './undo-action.js';

/**
 * What a click on an action button does (Request on an alert or finding, Approve, Deny, Undo),
 * as text for the clicker; undefined when `buttonId` is not an action button.
 */
export async function pressActionButton(
  deps: ActionDeps,
  buttonId: string,
  value: string,
  user: ChatUser,
): Promise<string | undefined> {
  switch (buttonId) {
    case ACTION_BUTTONS.request:
      return actionRequestedText(await requestActionFromSource(deps, user, value));
    case ACTION_BUTTONS.undo:
      return actionRequestedText(await undoAction(deps, value, user));
    case ACTION_BUTTONS.approve:
    case ACTION_BUTTONS.deny: {
      const decision = buttonId === ACTION_BUTTONS.approve ? 'approve' : 'deny';
      const result = await decideAction(deps, { actionId: value, approver: user, decision });
      if (result.outcome === 'recorded')
        return `Approval recorded: ${result.approvals} of ${result.action.min_approvals}. It needs another approver.`;
      return result.outcome === 'approved' ? 'Approved: running it now.' : 'Denied.';
    }
    default:
      return undefined;
  }
}
