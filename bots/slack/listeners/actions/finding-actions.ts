import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  BlockOverflowAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { fromOverflowOption, OVERFLOW_ACTION_ID } from '../../../../src/messages/chat-message.js';
import { FINDING_ACTION_IDS, pressFindingButton } from '../../../../src/findings/press-finding-button.js';
import type { Services } from '../../../../src/services.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';
import { pressActionButton } from '../../../../src/actions/press-action-button.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Acknowledge, Snooze (1 h / 1 d / 1 w), Mute rule and False positive on finding messages. The
 * posted message is edited through the outbox (every channel's copy); the clicker gets an
 * ephemeral confirmation or the reason nothing changed. Mute rule and False positive are for
 * security responders and admins only (the use case refuses anyone else).
 */
export function registerFindingActions(app: App, services: Services): void {
  for (const actionId of FINDING_ACTION_IDS) {
    app.action<BlockButtonAction>(actionId, async (args: ButtonArgs) => {
      await args.ack();
      await replyOnError(services.log, args.respond, async () => {
        const { text } = await pressFindingButton(services.findings, actionId, args.action.value ?? '', {
          platform: 'slack',
          id: args.body.user.id,
        });
        await args.respond(ephemeral(slackReply(text)));
      });
    });
  }
  // The less common choices (snooze 1 h / 1 w, mute) sit in the card's overflow menu.
  app.action<BlockOverflowAction>(OVERFLOW_ACTION_ID, async (args) => {
    await args.ack();
    await replyOnError(services.log, args.respond, async () => {
      const chosen = fromOverflowOption(args.action.selected_option.value);
      const user = { platform: 'slack' as const, id: args.body.user.id };
      const actionText = await pressActionButton(services.actions, chosen.id, chosen.value, user);
      if (actionText !== undefined) {
        await args.respond(ephemeral(slackReply(actionText)));
        return;
      }
      if (!FINDING_ACTION_IDS.includes(chosen.id)) return;
      const { text } = await pressFindingButton(services.findings, chosen.id, chosen.value, {
        platform: 'slack',
        id: args.body.user.id,
      });
      await args.respond({ response_type: 'ephemeral', replace_original: false, text });
    });
  });
}
