import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { pressReviewButton } from '../../../../src/governance/reviews/press-review-button.js';
import { REVIEW_ACTION_IDS } from '../../../../src/governance/reviews/review-messages.js';
import type { Services } from '../../../../src/services.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Keep / Remove / Convert, Keep all and the page buttons of access review cards. The card itself
 * is edited through the outbox (every owner's copy); the clicker gets what happened, or why not.
 */
export function registerReviewActions(app: App, services: Services): void {
  for (const actionId of REVIEW_ACTION_IDS) {
    app.action<BlockButtonAction>(actionId, async (args: ButtonArgs) => {
      await args.ack();
      await replyOnError(services.log, args.respond, async () => {
        const { text } = await pressReviewButton(services.governance, actionId, args.action.value ?? '', {
          platform: 'slack',
          id: args.body.user.id,
        });
        if (text !== undefined) await args.respond(ephemeral(slackReply(text)));
      });
    });
  }
}
