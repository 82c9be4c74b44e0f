import { agentsListMessage } from '../../../../src/agents/list-agents.js';
import { listOpenFindings, parseFindingsQuery } from '../../../../src/findings/list-findings.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';
import type { SubcommandHandler } from './databricks-command.js';

/** `/databricks findings [agent] [severity]`: open agent security findings. */
export const findingsCommand: SubcommandHandler = async ({ ack, respond }, parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    const message = await listOpenFindings(services.findings, parseFindingsQuery(parsed.args));
    await respond(ephemeral(slackReply(message)));
  });
};

/** `/databricks agents`: discovered agents, their trace sources and last scan. */
export const agentsCommand: SubcommandHandler = async ({ ack, respond }, _parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    await respond(ephemeral(slackReply(await agentsListMessage(services.db))));
  });
};
