import { myAccessMessage, policiesMessage } from '../../../../src/access/access-messages.js';
import { accessOf } from '../../../../src/access/list-access.js';
import { revokeGrantOfGroup } from '../../../../src/access/revoke-grant.js';
import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import { renderSlackMessage } from '../../render/render-message.js';
import { replyOnError } from '../reply-on-error.js';
import type { SubcommandHandler } from './databricks-command.js';

const ephemeral = (payload: ReturnType<typeof renderSlackMessage>) => ({
  response_type: 'ephemeral' as const,
  ...payload,
});

/** `/databricks policies`: the requestable groups and their limits. */
export const policiesCommand: SubcommandHandler = async ({ ack }, _command, services) => {
  await ack(ephemeral(renderSlackMessage(policiesMessage(services.access.policy.groups))));
};

/** `/databricks access`: my active grants and pending requests. */
export const accessCommand: SubcommandHandler = async ({ ack, respond, command }, _parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    const mine = await accessOf(services.access, { platform: 'slack', id: command.user_id });
    await respond(ephemeral(renderSlackMessage(myAccessMessage(mine.active, mine.open))));
  });
};

const MENTION = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/;

/** `/databricks revoke <group> [@user]`: ends my grant, or (approvers, admins) someone else's. */
export const revokeCommand: SubcommandHandler = async ({ ack, respond, command }, parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    const [group, who] = parsed.args;
    if (!group || parsed.args.length > 2) {
      throw new InvalidInput('Usage: `/databricks revoke <group> [@user]`');
    }
    const granteeId = who === undefined ? undefined : MENTION.exec(who)?.[1];
    if (who !== undefined && granteeId === undefined) {
      throw new InvalidInput(
        `"${who}" is not a Slack user mention. Usage: \`/databricks revoke <group> [@user]\``,
      );
    }
    const revoked = await revokeGrantOfGroup(services.access, group, {
      actor: { platform: 'slack', id: command.user_id },
      grantee: granteeId ? { platform: 'slack', id: granteeId } : undefined,
    });
    await respond({
      response_type: 'ephemeral',
      text: `Revoking ${revoked.length === 1 ? 'the grant' : `${revoked.length} grants`} for ${revoked[0]!.group_key} now.`,
    });
  });
};
