import { requestAccess } from '../../../../src/access/request-access.js';
import { parseDuration } from '../../../../src/access/duration.js';
import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import { requestAccessModal } from '../../views/request-access-modal.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';
import type { SubcommandHandler } from './databricks-command.js';
import { requestResultText } from './request-result-text.js';

const USAGE =
  'Usage: `/databricks request-access <group> <duration> <reason…>`, e.g. `analysts 2h fix the nightly job`, or `/databricks request-access` alone for a form.';

/**
 * `/databricks request-access` alone opens the request form; with arguments it files the request
 * directly: `<group> [<duration> [<reason…>]]`.
 */
export const requestAccessCommand: SubcommandHandler = async (
  { ack, respond, command, client },
  parsed,
  services,
) => {
  if (parsed.args.length === 0) {
    await ack();
    await replyOnError(services.log, respond, async () => {
      await client.views.open({ trigger_id: command.trigger_id, view: requestAccessModal() });
    });
    return;
  }
  await ack();
  await replyOnError(services.log, respond, async () => {
    const [group, durationText, ...reasonWords] = parsed.args;
    const durationSeconds = durationText === undefined ? undefined : parseDuration(durationText);
    if (durationText !== undefined && durationSeconds === undefined) {
      throw new InvalidInput(
        `"${durationText.slice(0, 40)}" is not a duration (try 30m, 2h or 1d). ${USAGE}`,
      );
    }
    const request = await requestAccess(services.access, {
      requester: { platform: 'slack', id: command.user_id },
      group: group!,
      durationSeconds,
      reason: reasonWords.join(' '),
      submissionKey: `slack:${command.trigger_id}`,
    });
    await respond(ephemeral(slackReply(requestResultText(request))));
  });
};
