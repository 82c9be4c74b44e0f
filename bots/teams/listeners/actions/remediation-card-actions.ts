import { actionRequestedText } from '../../../../src/actions/action-command.js';
import { ACTION_BUTTONS, actionMessage } from '../../../../src/actions/action-messages.js';
import { approvalsOfAction, findAction } from '../../../../src/actions/action-queries.js';
import { decideAction } from '../../../../src/actions/decide-action.js';
import { requestActionFromSource } from '../../../../src/actions/request-from-source.js';
import { undoAction } from '../../../../src/actions/undo-action.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import type { ChatMessage } from '../../../../src/messages/chat-message.js';
import type { ChatUser } from '../../../../src/ports/chat-user.js';
import { parseChatUser } from '../../../../src/ports/chat-user.js';
import { sameUser } from '../../../../src/access/policy/policy-decisions.js';
import type { Services } from '../../../../src/services.js';
import { personOf } from '../../identity/teams-person.js';
import { renderAdaptiveCard, type AdaptiveCard } from '../../render/render-card.js';
import { noticeCard, type Notice } from './approval-card-view.js';
import type { CardAction } from './card-actions.js';

/** The action card as `viewer` should see it: the requester never gets Approve/Deny. */
async function actionCardFor(services: Services, actionId: string, viewer: ChatUser, notice?: Notice) {
  const row = await findAction(services.db, actionId);
  if (!row)
    return notice
      ? noticeCard(notice)
      : noticeCard({ text: 'I cannot find that action.', severity: 'warning' });
  const message = actionMessage(row, await approvalsOfAction(services.db, row.id));
  const own = sameUser(viewer, parseChatUser(row.requester));
  const view: ChatMessage = {
    ...message,
    actions: (message.actions ?? []).filter(
      (a) => !own || (a.id !== ACTION_BUTTONS.approve && a.id !== ACTION_BUTTONS.deny),
    ),
  };
  return renderAdaptiveCard(view, notice ? { notice } : {});
}

/** A click on an action card: the card as it now reads, with what happened (or why not) on top. */
function onActionCard(
  work: (services: Services, actionId: string, person: ChatUser) => Promise<string>,
): CardAction {
  return async (turn, data): Promise<AdaptiveCard> => {
    const actionId = String(data.value ?? '');
    const person = await personOf(turn.context, turn.services.db);
    try {
      const text = await work(turn.services, actionId, person);
      return actionCardFor(turn.services, actionId, person, { text, severity: 'info' });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return actionCardFor(turn.services, actionId, person, { text: error.userMessage, severity: 'warning' });
    }
  };
}

const decide =
  (decision: 'approve' | 'deny') => async (services: Services, actionId: string, person: ChatUser) => {
    const result = await decideAction(services.actions, { actionId, approver: person, decision });
    if (result.outcome === 'recorded')
      return `Approval recorded: ${result.approvals} of ${result.action.min_approvals}. It needs another approver.`;
    return result.outcome === 'approved' ? 'Approved: running it now.' : 'Denied.';
  };

export const REMEDIATION_CARD_ACTIONS: Record<string, CardAction> = {
  [ACTION_BUTTONS.approve]: onActionCard(decide('approve')),
  [ACTION_BUTTONS.deny]: onActionCard(decide('deny')),
  [ACTION_BUTTONS.undo]: async (turn, data) => {
    const person = await personOf(turn.context, turn.services.db);
    const undo = await undoAction(turn.services.actions, String(data.value ?? ''), person);
    return actionCardFor(turn.services, undo.id, person, {
      text: actionRequestedText(undo),
      severity: 'info',
    });
  },
  // On alerts and findings: the answer is the new action's card.
  [ACTION_BUTTONS.request]: async (turn, data) => {
    const person = await personOf(turn.context, turn.services.db);
    const row = await requestActionFromSource(turn.services.actions, person, String(data.value ?? ''));
    return actionCardFor(turn.services, row.id, person, { text: actionRequestedText(row), severity: 'info' });
  },
};
