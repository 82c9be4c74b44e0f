import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // An account connector: how the bot reaches one Databricks account. The OAuth client secret
  // is sealed with AES-256-GCM (src/security/secret-box.ts); it is never stored in the clear.
  await db.schema
    .createTable('connectors')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('cloud', 'text', (col) => col.notNull().check(sql`cloud in ('aws', 'azure', 'gcp')`))
    .addColumn('workspace_url', 'text', (col) => col.notNull())
    .addColumn('account_id', 'text', (col) => col.notNull())
    .addColumn('client_id', 'text', (col) => col.notNull())
    .addColumn('client_secret', 'bytea', (col) => col.notNull())
    .addColumn('warehouse_id', 'text')
    .addColumn('optional_tables', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('validated_at', 'timestamptz')
    .execute();

  // One per Databricks region: where its system tables are read from, how often, and how healthy.
  await db.schema
    .createTable('region_connectors')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('connector_id', 'uuid', (col) => col.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('region', 'text', (col) => col.notNull())
    .addColumn('workspace_url', 'text', (col) => col.notNull())
    .addColumn('warehouse_id', 'text')
    .addColumn('collect_every_seconds', 'integer', (col) => col.notNull().defaultTo(900))
    .addColumn('mode', 'text', (col) =>
      col
        .notNull()
        .defaultTo('direct')
        .check(sql`mode in ('direct', 'remote')`),
    )
    .addColumn('remote_token_hash', 'text')
    .addColumn('health', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`health in ('pending', 'ok', 'degraded', 'failed')`),
    )
    .addColumn('health_detail', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('health_changed_at', 'timestamptz')
    .addColumn('last_ingested_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addUniqueConstraint('region_connectors_region_uq', ['connector_id', 'region'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('region_connectors').execute();
  await db.schema.dropTable('connectors').execute();
}
