import { actionRequestedText, parseActionCommand } from '../../../../src/actions/action-command.js';
import { requestAction } from '../../../../src/actions/request-action.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';
import type { SubcommandHandler } from './databricks-command.js';

/**
 * `/databricks action <kind> <workspace> <id> [reason…]`: files a remediation action; the live
 * state is read first, so the answer follows on the response_url.
 */
export const actionCommand: SubcommandHandler = async ({ ack, respond, command }, parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    const typed = parseActionCommand(parsed.args);
    const row = await requestAction(services.actions, {
      requester: { platform: 'slack', id: command.user_id },
      kind: typed.kind,
      workspace: typed.workspace,
      target: typed.target,
      reason: typed.reason,
    });
    await respond(ephemeral(slackReply(actionRequestedText(row))));
  });
};
