import { myAccessMessage, policiesMessage } from '../../../../src/access/access-messages.js';
import { accessOf } from '../../../../src/access/list-access.js';
import { revokeGrantOfGroup } from '../../../../src/access/revoke-grant.js';
import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import { slackPersonNamed } from '../../identity/slack-person.js';
import { ephemeral, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';
import type { SubcommandHandler } from './databricks-command.js';

/** `/databricks policies`: the requestable groups and their limits. */
export const policiesCommand: SubcommandHandler = async ({ ack }, _command, services) => {
  await ack(ephemeral(slackReply(policiesMessage(services.access.policy.groups))));
};

/** `/databricks access`: my active grants and pending requests. */
export const accessCommand: SubcommandHandler = async ({ ack, respond, command }, _parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    const mine = await accessOf(services.access, { platform: 'slack', id: command.user_id });
    await respond(ephemeral(slackReply(myAccessMessage(mine.active, mine.open))));
  });
};

const REVOKE_USAGE = 'Usage: `/databricks revoke <group> [@person or e-mail]`';

/** `/databricks revoke <group> [@person | e-mail | name]`: ends my grant, or (approvers, admins) someone else's. */
export const revokeCommand: SubcommandHandler = async (
  { ack, respond, command, client },
  parsed,
  services,
) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    const [group, who] = parsed.args;
    if (!group || parsed.args.length > 2) throw new InvalidInput(REVOKE_USAGE);
    const granteeId = who === undefined ? undefined : await slackPersonNamed(client, who, REVOKE_USAGE);
    const revoked = await revokeGrantOfGroup(services.access, group, {
      actor: { platform: 'slack', id: command.user_id },
      grantee: granteeId ? { platform: 'slack', id: granteeId } : undefined,
    });
    const what = revoked.length === 1 ? 'the grant' : `${revoked.length} grants`;
    await respond(ephemeral(slackReply(`Revoking ${what} for ${revoked[0]!.group_key} now.`)));
  });
};
