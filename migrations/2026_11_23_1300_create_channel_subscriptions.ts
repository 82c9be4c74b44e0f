import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Channels that asked for alerts of a topic (access, connectors, cost, security), with a filter.
  await db.schema
    .createTable('channel_subscriptions')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('topic', 'text', (col) =>
      col.notNull().check(sql`topic in ('access', 'connectors', 'cost', 'security')`),
    )
    .addColumn('filter', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('filter_key', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addUniqueConstraint('channel_subscriptions_uq', ['platform', 'channel_id', 'topic', 'filter_key'])
    .execute();
  await db.schema
    .createIndex('channel_subscriptions_topic_idx')
    .on('channel_subscriptions')
    .column('topic')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('channel_subscriptions').execute();
}
