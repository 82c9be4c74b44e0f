import { TurnContext, type ConversationParameters, type ConversationReference } from 'botbuilder';
import type { Db } from '../../src/db/database.js';
import type { TeamsUserRow } from '../../src/db/tables/teams-conversations.js';
import { latestServiceEndpoint, rememberConversation } from './store/teams-conversations.js';
import { rememberTeamsUser } from './store/teams-users.js';
import type { TeamsConnection } from './teams-adapter.js';

/** The audience of tokens for the public Bot Framework channel service. */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/**
 * Opens (or finds again: Teams answers with the existing id) the 1:1 chat between the bot and a
 * person it has met elsewhere, e.g. in a channel, through `POST /v3/conversations`; stores it.
 */
export async function openPersonalChat(
  connection: TeamsConnection,
  db: Db,
  person: TeamsUserRow,
): Promise<Partial<ConversationReference>> {
  const latest = await latestServiceEndpoint(db);
  const serviceUrl = person.service_url ?? latest?.serviceUrl;
  if (!serviceUrl) throw new Error(`no service URL is known for Teams user ${person.teams_user_id}`);
  const tenantId = person.tenant_id ?? latest?.tenantId ?? undefined;
  const parameters = {
    isGroup: false,
    bot: latest?.reference.bot,
    members: [{ id: person.teams_user_id, name: person.name ?? '' }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  } as ConversationParameters;
  let reference: Partial<ConversationReference> | undefined;
  await connection.adapter.createConversationAsync(
    connection.botAppId,
    'msteams',
    serviceUrl,
    BOT_FRAMEWORK_AUDIENCE,
    parameters,
    async (context) => {
      const created = TurnContext.getConversationReference(context.activity);
      reference = {
        ...created,
        activityId: undefined,
        user: { id: person.teams_user_id, name: person.name ?? '' },
        conversation: { ...created.conversation!, conversationType: 'personal', tenantId },
      };
    },
  );
  if (!reference?.conversation?.id) throw new Error('the Bot Connector returned no conversation id');
  await rememberConversation(db, reference);
  await rememberTeamsUser(db, {
    teamsUserId: person.teams_user_id,
    personalConversationId: reference.conversation.id,
  });
  return reference;
}
