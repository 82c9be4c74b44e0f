import type { ColumnType, Insertable, Selectable } from 'kysely';

type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** A Teams conversation the bot has seen, and the reference that lets it post there later. */
export interface TeamsConversationsTable {
  conversation_id: string;
  /** `personal`, `groupChat` or `channel`, as Teams says. */
  conversation_type: string | null;
  tenant_id: string | null;
  service_url: string;
  /** botbuilder's ConversationReference (without an activity id, so posts are new messages). */
  reference: ColumnType<unknown, string, string>;
  updated_at: UpdatedAt;
}

export type TeamsConversationRow = Selectable<TeamsConversationsTable>;

/** A Teams person the bot has met. Their domain identity is `teams:<lower-case e-mail>`. */
export interface TeamsUsersTable {
  /** The Teams user id (`29:…`), unique per bot. */
  teams_user_id: string;
  aad_object_id: string | null;
  /** Lower-case e-mail (or user principal name) from the conversation members API. */
  email: string | null;
  name: string | null;
  tenant_id: string | null;
  /** Where the person was last seen, so a 1:1 chat can be created with them. */
  service_url: string | null;
  /** The id of the person's 1:1 chat with the bot, once known. */
  personal_conversation_id: string | null;
  updated_at: UpdatedAt;
}

export type TeamsUserRow = Selectable<TeamsUsersTable>;
export type NewTeamsUserRow = Insertable<TeamsUsersTable>;
