import { sql, type Kysely } from 'kysely';

/**
 * People as messages name them: one row per e-mail (the Databricks account user) with the name to
 * show and their Slack user id, learned from Slack profiles, Teams turns and the account's SCIM
 * users. Teams people are known by their e-mail already (teams_users).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table people (
    email text primary key,
    display_name text,
    slack_user_id text unique,
    updated_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table people`.execute(db);
}
