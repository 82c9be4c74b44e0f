import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionRequestedText } from '../../../../src/actions/action-command.js';
import { ACTION_BUTTONS } from '../../../../src/actions/action-messages.js';
import { decideAction } from '../../../../src/actions/decide-action.js';
import { requestActionFromSource } from '../../../../src/actions/request-from-source.js';
import { undoAction } from '../../../../src/actions/undo-action.js';
import type { ChatUser } from '../../../../src/ports/chat-user.js';
import type { Services } from '../../../../src/services.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const clicker = (args: ButtonArgs): ChatUser => ({ platform: 'slack', id: args.body.user.id });

/** What a click on an action button does, for the button and for an overflow menu's choice alike. */
export async function pressActionButton(services: Services, actionId: string, value: string, user: ChatUser) {
  switch (actionId) {
    case ACTION_BUTTONS.request:
      return actionRequestedText(await requestActionFromSource(services.actions, user, value));
    case ACTION_BUTTONS.undo:
      return actionRequestedText(await undoAction(services.actions, value, user));
    case ACTION_BUTTONS.approve:
    case ACTION_BUTTONS.deny: {
      const decision = actionId === ACTION_BUTTONS.approve ? 'approve' : 'deny';
      const result = await decideAction(services.actions, { actionId: value, approver: user, decision });
      if (result.outcome === 'recorded')
        return `Approval recorded: ${result.approvals} of ${result.action.min_approvals}. It needs another approver.`;
      return result.outcome === 'approved' ? 'Approved: running it now.' : 'Denied.';
    }
    default:
      return undefined;
  }
}

/** Request (on alerts and findings), Approve, Deny and Undo on remediation action cards. */
export function registerRemediationActions(app: App, services: Services): void {
  for (const id of Object.values(ACTION_BUTTONS)) {
    app.action<BlockButtonAction>(id, async (args) => {
      await args.ack();
      await replyOnError(services.log, args.respond, async () => {
        const text = await pressActionButton(services, id, args.action.value ?? '', clicker(args));
        if (text) await args.respond(ephemeral(slackReply(text)));
      });
    });
  }
}
