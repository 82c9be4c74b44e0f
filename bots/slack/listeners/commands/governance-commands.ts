import { groupDetails } from '../../../../src/governance/group-details.js';
import { groupMessage, groupsMessage } from '../../../../src/governance/governance-messages.js';
import { listGroups } from '../../../../src/governance/list-groups.js';
import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import { runReviewCommand } from '../../../../src/governance/reviews/review-command.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';
import type { SubcommandHandler } from './databricks-command.js';

/** `/databricks groups [filter]`: discovered groups with members, requestability and owners. */
export const groupsCommand: SubcommandHandler = async ({ ack, respond }, parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    const filter = parsed.rest === '' ? undefined : parsed.rest;
    const list = await listGroups(services.governance, filter);
    await respond(ephemeral(slackReply(groupsMessage(list, filter))));
  });
};

/** `/databricks group <name>`: standing members, active grants, recent changes. */
export const groupCommand: SubcommandHandler = async ({ ack, respond }, parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    if (parsed.rest === '')
      throw new InvalidInput('Usage: `/databricks group <name>` (see `/databricks groups`).');
    await respond(ephemeral(slackReply(groupMessage(await groupDetails(services.governance, parsed.rest)))));
  });
};

/** `/databricks review start|status|report …` (admins and integration owners). */
export const reviewCommand: SubcommandHandler = async ({ ack, respond, command }, parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    const answer = await runReviewCommand(services.governance, parsed.args, {
      platform: 'slack',
      id: command.user_id,
    });
    await respond(ephemeral(slackReply(answer)));
  });
};
