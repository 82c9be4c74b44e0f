import type { webApi } from '@slack/bolt';
import { InvalidInput, NotFound } from '../../../src/errors/domain-errors.js';

type WebClient = InstanceType<typeof webApi.WebClient>;

/** `<@U123|jane>` (the manifest's `should_escape: true` turns a typed `@jane` into it) or `<@U123>`. */
const ESCAPED_MENTION = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/;
/** Slack escapes a typed address as `<mailto:jane@example.com|jane@example.com>`. */
const ESCAPED_EMAIL = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/;
const EMAIL = /^[^\s@<>|]+@[^\s@<>|]+\.[^\s@<>|]+$/;
const NAME = /^@?([\w.'-]{1,80})$/u;
const MAX_PAGES = 20;

/**
 * The Slack user a command names: an escaped mention, an e-mail address (users.lookupByEmail) or
 * a display name, with or without `@` (users.list). Refuses with what to type instead.
 */
export async function slackPersonNamed(client: WebClient, typed: string, usage: string): Promise<string> {
  const mention = ESCAPED_MENTION.exec(typed);
  if (mention) return mention[1]!;
  const email = ESCAPED_EMAIL.exec(typed)?.[1] ?? (EMAIL.test(typed) ? typed : undefined);
  if (email !== undefined) {
    const found = await client.users.lookupByEmail({ email }).catch(() => undefined);
    if (!found?.user?.id) throw new NotFound(`Nobody in this Slack workspace has the e-mail ${email}.`);
    return found.user.id;
  }
  const name = NAME.exec(typed)?.[1]?.toLowerCase();
  if (name === undefined) {
    throw new InvalidInput(
      `"${typed.slice(0, 80)}" is not a person: mention them, or give their e-mail. ${usage}`,
    );
  }
  const matches = await usersNamed(client, name);
  if (matches.length === 1) return matches[0]!;
  throw new NotFound(
    matches.length === 0
      ? `Nobody in this Slack workspace is called "${name}". Mention them with @, or give their e-mail. ${usage}`
      : `Several people are called "${name}". Mention the one you mean with @, or give their e-mail. ${usage}`,
  );
}

async function usersNamed(client: WebClient, name: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const member of result.members ?? []) {
      if (member.deleted || member.is_bot || !member.id) continue;
      const names = [member.name, member.profile?.display_name, member.real_name, member.profile?.real_name];
      if (names.some((candidate) => candidate?.toLowerCase() === name)) ids.push(member.id);
    }
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return ids;
}
