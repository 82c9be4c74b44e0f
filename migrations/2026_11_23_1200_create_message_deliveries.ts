import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The outbox: every chat message the bot means to send or update, keyed by an idempotency key,
  // delivered by the deliver-message job.
  await db.schema
    .createTable('message_deliveries')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('operation', 'text', (col) => col.notNull().check(sql`operation in ('post', 'update')`))
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('target_kind', 'text', (col) =>
      col.notNull().check(sql`target_kind in ('user', 'channel', 'posted')`),
    )
    .addColumn('target_id', 'text', (col) => col.notNull())
    .addColumn('target_message_id', 'text')
    .addColumn('message', 'jsonb', (col) => col.notNull())
    .addColumn('revision', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('purpose', 'text')
    .addColumn('recipient', 'text')
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`state in ('pending', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('posted_channel', 'text')
    .addColumn('posted_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('message_deliveries_subject_idx')
    .on('message_deliveries')
    .columns(['subject_type', 'subject_id', 'purpose', 'state'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_deliveries').execute();
}
