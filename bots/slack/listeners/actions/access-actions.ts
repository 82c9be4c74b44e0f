import type { App, BlockButtonAction, SlackActionMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import { requestExtension } from '../../../../src/access/request-extension.js';
import { ACCESS_ACTIONS } from '../../../../src/access/access-messages.js';
import { decideRequest } from '../../../../src/access/decide-request.js';
import { revokeGrant } from '../../../../src/access/revoke-grant.js';
import { assertMayDecide } from '../../../../src/access/assert-may-decide.js';
import type { ChatUser } from '../../../../src/ports/chat-user.js';
import type { Services } from '../../../../src/services.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { denyModal } from '../../views/request-access-modal.js';
import { requestResultText } from '../commands/request-result-text.js';
import { replyOnError } from '../reply-on-error.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const clicker = (args: ButtonArgs): ChatUser => ({ platform: 'slack', id: args.body.user.id });

/** Approve, Deny, Extend and Revoke buttons on access messages. */
export function registerAccessActions(app: App, services: Services): void {
  const { access, log } = services;

  app.action<BlockButtonAction>(ACCESS_ACTIONS.approve, async (args) => {
    await args.ack();
    await replyOnError(log, args.respond, async () => {
      const result = await decideRequest(access, {
        requestId: args.action.value ?? '',
        approver: clicker(args),
        decision: 'approve',
      });
      if (result.outcome === 'recorded') {
        const approvals = result.approvals.filter((a) => a.decision === 'approve').length;
        await args.respond(
          ephemeral(
            slackReply(
              `Approval recorded: ${approvals} of ${result.request.min_approvals}. It needs another approver.`,
            ),
          ),
        );
      }
    });
  });

  app.action<BlockButtonAction>(ACCESS_ACTIONS.deny, async (args) => {
    await args.ack();
    await replyOnError(log, args.respond, async () => {
      const request = await assertMayDecide(access, args.action.value ?? '', clicker(args));
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: denyModal(request.id, request.group_key),
      });
    });
  });

  app.action<BlockButtonAction>(ACCESS_ACTIONS.extend, async (args) => {
    await args.ack();
    await replyOnError(log, args.respond, async () => {
      const extension = await requestExtension(access, args.action.value ?? '', clicker(args));
      await args.respond(ephemeral(slackReply(requestResultText(extension))));
    });
  });

  app.action<BlockButtonAction>(ACCESS_ACTIONS.revoke, async (args) => {
    await args.ack();
    await replyOnError(log, args.respond, async () => {
      const grant = await revokeGrant(access, args.action.value ?? '', { actor: clicker(args) });
      await args.respond(ephemeral(slackReply(`Revoking access to ${grant.group_key} now.`)));
    });
  });
}
