import type { App, BlockButtonAction, SlackActionMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import { ACCESS_ACTIONS } from '../../../../src/access/access-messages.js';
import { decideRequest } from '../../../../src/access/decide-request.js';
import { findRequest } from '../../../../src/access/access-request-queries.js';
import { requestAccess } from '../../../../src/access/request-access.js';
import { revokeGrant } from '../../../../src/access/revoke-grant.js';
import { assertMayDecide } from '../../../../src/access/assert-may-decide.js';
import { NotFound } from '../../../../src/errors/domain-errors.js';
import type { ChatUser } from '../../../../src/ports/chat-user.js';
import type { Services } from '../../../../src/services.js';
import { denyModal } from '../../views/request-access-modal.js';
import { requestResultText } from '../commands/request-result-text.js';
import { replyOnError } from '../reply-on-error.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const clicker = (args: ButtonArgs): ChatUser => ({ platform: 'slack', id: args.body.user.id });
const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: false, text });

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
            `Approval recorded: ${approvals} of ${result.request.min_approvals}. It needs another approver.`,
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
      const grant = await findRequest(access.db, args.action.value ?? '');
      if (!grant) throw new NotFound('I cannot find that grant.');
      const extension = await requestAccess(access, {
        requester: clicker(args),
        group: grant.group_key,
        durationSeconds: Math.min(
          grant.duration_seconds,
          (grant.policy as { maxDurationSeconds: number }).maxDurationSeconds,
        ),
        reason: `Extension of request ${grant.id}: ${grant.reason}`.slice(0, 1000),
        extendsRequestId: grant.id,
      });
      await args.respond(ephemeral(requestResultText(extension)));
    });
  });

  app.action<BlockButtonAction>(ACCESS_ACTIONS.revoke, async (args) => {
    await args.ack();
    await replyOnError(log, args.respond, async () => {
      const grant = await revokeGrant(access, args.action.value ?? '', { actor: clicker(args) });
      await args.respond(ephemeral(`Revoking access to ${grant.group_key} now.`));
    });
  });
}
