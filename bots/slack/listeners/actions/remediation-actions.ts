import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_BUTTONS } from '../../../../src/actions/action-messages.js';
import { pressActionButton } from '../../../../src/actions/press-action-button.js';
import type { Services } from '../../../../src/services.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';

/** Request (on alerts and findings), Approve, Deny and Undo on remediation action cards. */
export function registerRemediationActions(app: App, services: Services): void {
  for (const id of Object.values(ACTION_BUTTONS)) {
    app.action<BlockButtonAction>(id, async (args) => {
      await args.ack();
      await replyOnError(services.log, args.respond, async () => {
        const user = { platform: 'slack' as const, id: args.body.user.id };
        const text = await pressActionButton(services.actions, id, args.action.value ?? '', user);
        if (text) await args.respond(ephemeral(slackReply(text)));
      });
    });
  }
}
