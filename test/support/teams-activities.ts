import { randomUUID } from 'node:crypto';
import type { FakeTeamsMember } from '../fakes/fake-bot-connector.js';

/** The bot as Teams addresses it. */
export const TEAMS_BOT = { id: '28:databricks-chatops', name: 'Databricks' };
export const TEAMS_TENANT = 'tenant-1';

/** A person in the fake Teams tenant, with their 1:1 chat with the bot. */
export interface TeamsPerson extends FakeTeamsMember {
  personalChat: string;
}

export function teamsPerson(handle: string, email: string): TeamsPerson {
  return {
    id: `29:${handle}`,
    name: handle[0]!.toUpperCase() + handle.slice(1),
    aadObjectId: `00000000-0000-0000-0000-${handle.padEnd(12, '0').slice(0, 12)}`,
    email,
    userPrincipalName: email,
    tenantId: TEAMS_TENANT,
    personalChat: `a:${handle}-personal-chat`,
  };
}

interface Where {
  serviceUrl: string;
  /** A channel conversation id (`19:…@thread.tacv2`); the person's 1:1 chat when absent. */
  channel?: string;
}

function base(person: TeamsPerson, where: Where, type: string) {
  const conversation = where.channel
    ? { id: where.channel, conversationType: 'channel', isGroup: true, tenantId: TEAMS_TENANT }
    : { id: person.personalChat, conversationType: 'personal', tenantId: TEAMS_TENANT };
  return {
    type,
    id: `incoming-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
    recipient: TEAMS_BOT,
    conversation,
    channelData: {
      tenant: { id: TEAMS_TENANT },
      ...(where.channel ? { channel: { id: where.channel }, team: { id: where.channel } } : {}),
    },
  };
}

/**
 * A typed message; in a channel it starts with the bot's @mention, as Teams delivers it. Each of
 * `mentions` is written `<at>Name</at>` in `text` and listed in the entities.
 */
export function messageActivity(
  person: TeamsPerson,
  text: string,
  where: Where,
  mentions: TeamsPerson[] = [],
) {
  const mentionOf = (who: { id: string; name: string }) => ({
    type: 'mention',
    text: `<at>${who.name}</at>`,
    mentioned: { id: who.id, name: who.name },
  });
  const entities = mentions.map(mentionOf);
  if (!where.channel) return { ...base(person, where, 'message'), text, entities };
  return {
    ...base(person, where, 'message'),
    text: `<at>${TEAMS_BOT.name}</at> ${text}`,
    entities: [mentionOf(TEAMS_BOT), ...entities],
  };
}

/** The person adds the bot (personal scope: their 1:1 chat with it now exists). */
export function installationUpdate(person: TeamsPerson, where: Where) {
  return { ...base(person, where, 'installationUpdate'), action: 'add' };
}

/** An Action.Execute click: the `adaptiveCard/action` invoke, inputs merged into `data`. */
export function cardActionInvoke(
  person: TeamsPerson,
  verb: string,
  data: Record<string, unknown>,
  where: Where & { replyToId?: string },
) {
  return {
    ...base(person, where, 'invoke'),
    name: 'adaptiveCard/action',
    ...(where.replyToId ? { replyToId: where.replyToId } : {}),
    value: { action: { type: 'Action.Execute', id: '', verb, data }, trigger: 'manual' },
  };
}

/** The Action.Submit fallback of older clients: a message whose `value` is the card's data. */
export function cardSubmit(person: TeamsPerson, data: Record<string, unknown>, where: Where) {
  return { ...base(person, where, 'message'), value: data };
}

/** Posts an activity to the bot's /api/messages as the Bot Connector would. */
export async function postActivity(
  botUrl: string,
  activity: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}
