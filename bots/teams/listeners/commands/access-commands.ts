import { myAccessMessage, policiesMessage } from '../../../../src/access/access-messages.js';
import { accessOf } from '../../../../src/access/list-access.js';
import { revokeGrantOfGroup } from '../../../../src/access/revoke-grant.js';
import { InvalidInput } from '../../../../src/errors/domain-errors.js';
import type { ChatUser } from '../../../../src/ports/chat-user.js';
import { mentionedPerson, personOf } from '../../identity/teams-person.js';
import { teamsHelpMessage } from '../../replies/teams-help.js';
import { reply } from '../../replies/teams-reply.js';
import type { TeamsCommand } from './teams-commands.js';

/** `policies`: the requestable groups and their limits. */
export const policiesCommand: TeamsCommand = async ({ context, services }) => {
  await reply(context, policiesMessage(services.access.policy.groups));
};

/** `access`: my active grants and pending requests. */
export const accessCommand: TeamsCommand = async ({ context, services }) => {
  const mine = await accessOf(services.access, await personOf(context, services.db));
  await reply(context, myAccessMessage(mine.active, mine.open));
};

/** `help`, and the answer to anything unknown. */
export const helpCommand: TeamsCommand = async ({ context }, parsed) => {
  const unknownCommand = parsed.name === 'help' ? undefined : parsed.name;
  await reply(context, teamsHelpMessage({ unknownCommand }));
};

const USAGE = 'Usage: `revoke <group> [@person or e-mail]`';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `revoke <group> [@person | e-mail]`: ends my grant, or (approvers, admins) someone else's. */
export const revokeCommand: TeamsCommand = async (turn, parsed) => {
  const { context, services } = turn;
  const [group, who] = parsed.args;
  if (!group || parsed.args.length > 2) throw new InvalidInput(USAGE);
  let grantee: ChatUser | undefined;
  if (who === '@mention') {
    grantee = await mentionedPerson(context, services.db, services.log);
    if (!grantee)
      throw new InvalidInput(`I could not find the e-mail address of the person you mentioned. ${USAGE}`);
  } else if (who !== undefined) {
    if (!EMAIL.test(who)) throw new InvalidInput(`"${who}" is not a mention or an e-mail address. ${USAGE}`);
    grantee = { platform: 'teams', id: who.toLowerCase() };
  }
  const revoked = await revokeGrantOfGroup(services.access, group, {
    actor: await personOf(context, services.db),
    grantee,
  });
  await reply(context, {
    kind: 'access.revoking',
    title: `Revoking ${revoked.length === 1 ? 'the grant' : `${revoked.length} grants`} for ${revoked[0]!.group_key} now.`,
    severity: 'info',
  });
};
