import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every Teams conversation the bot has seen, with the reference proactive messages need.
  await db.schema
    .createTable('teams_conversations')
    .addColumn('conversation_id', 'text', (col) => col.primaryKey())
    .addColumn('conversation_type', 'text')
    .addColumn('tenant_id', 'text')
    .addColumn('service_url', 'text', (col) => col.notNull())
    .addColumn('reference', 'jsonb', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // Teams people the bot has met: their Teams and Entra ids, e-mail, and 1:1 chat with the bot.
  await db.schema
    .createTable('teams_users')
    .addColumn('teams_user_id', 'text', (col) => col.primaryKey())
    .addColumn('aad_object_id', 'text')
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('tenant_id', 'text')
    .addColumn('service_url', 'text')
    .addColumn('personal_conversation_id', 'text')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('teams_users_email_idx').on('teams_users').column('email').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('teams_users').execute();
  await db.schema.dropTable('teams_conversations').execute();
}
