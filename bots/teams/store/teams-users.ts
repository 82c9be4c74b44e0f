import type { Db } from '../../../src/db/database.js';
import type { TeamsUserRow } from '../../../src/db/tables/teams-conversations.js';

export interface TeamsPersonSeen {
  teamsUserId: string;
  aadObjectId?: string;
  email?: string;
  name?: string;
  tenantId?: string;
  serviceUrl?: string;
  personalConversationId?: string;
}

/** Records what we learned about a Teams person; a field we did not learn keeps its stored value. */
export async function rememberTeamsUser(db: Db, seen: TeamsPersonSeen): Promise<void> {
  const values = {
    teams_user_id: seen.teamsUserId,
    aad_object_id: seen.aadObjectId ?? null,
    email: seen.email?.toLowerCase() ?? null,
    name: seen.name ?? null,
    tenant_id: seen.tenantId ?? null,
    service_url: seen.serviceUrl ?? null,
    personal_conversation_id: seen.personalConversationId ?? null,
    updated_at: new Date(),
  };
  await db
    .insertInto('teams_users')
    .values(values)
    .onConflict((oc) =>
      oc.column('teams_user_id').doUpdateSet((eb) => ({
        aad_object_id: eb.fn.coalesce('excluded.aad_object_id', 'teams_users.aad_object_id'),
        email: eb.fn.coalesce('excluded.email', 'teams_users.email'),
        name: eb.fn.coalesce('excluded.name', 'teams_users.name'),
        tenant_id: eb.fn.coalesce('excluded.tenant_id', 'teams_users.tenant_id'),
        service_url: eb.fn.coalesce('excluded.service_url', 'teams_users.service_url'),
        personal_conversation_id: eb.fn.coalesce(
          'excluded.personal_conversation_id',
          'teams_users.personal_conversation_id',
        ),
        updated_at: values.updated_at,
      })),
    )
    .execute();
}

export async function teamsUserById(db: Db, teamsUserId: string): Promise<TeamsUserRow | undefined> {
  return db.selectFrom('teams_users').selectAll().where('teams_user_id', '=', teamsUserId).executeTakeFirst();
}

/** The person with this e-mail; the one seen most recently if Teams knows them under several ids. */
export async function teamsUserByEmail(db: Db, email: string): Promise<TeamsUserRow | undefined> {
  return db
    .selectFrom('teams_users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .orderBy((eb) => eb('personal_conversation_id', 'is not', null), 'desc')
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Teams user ids (`29:…`) of the people with these e-mails, for a card's refresh list. */
export async function teamsUserIdsOf(db: Db, emails: string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const rows = await db
    .selectFrom('teams_users')
    .select('teams_user_id')
    .where(
      'email',
      'in',
      emails.map((email) => email.toLowerCase()),
    )
    .execute();
  return rows.map((row) => row.teams_user_id);
}

/** The Teams user id (`29:…`) of each of these e-mails that Teams has shown us, by lower-case e-mail. */
export async function teamsIdsByEmail(db: Db, emails: string[]): Promise<Record<string, string>> {
  if (emails.length === 0) return {};
  const rows = await db
    .selectFrom('teams_users')
    .select(['email', 'teams_user_id'])
    .where(
      'email',
      'in',
      emails.map((email) => email.toLowerCase()),
    )
    .orderBy('updated_at')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.email!, row.teams_user_id]));
}
