import { sql, type Kysely } from 'kysely';

/**
 * Access governance. Discovery keeps a snapshot of every account group and its direct members
 * (`discovered_groups`, `discovered_group_members`), each run (`discovery_runs`) and every
 * membership change it saw (`group_member_changes`, the history). Access reviews: a campaign
 * (`review_campaigns`) asks each owner of a group, on one card per owner and group
 * (`review_cards`), to decide on each standing member (`review_items`); a member converted to
 * just-in-time may request the group afterwards (`jit_conversions`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('discovery_runs')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('started_at', 'timestamptz', (col) => col.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('state', 'text', (col) => col.notNull().check(sql`state in ('running','done','failed')`))
    .addColumn('groups', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('members', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('requests', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('changed_groups', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createTable('discovered_groups')
    .addColumn('databricks_group_id', 'text', (col) => col.primaryKey())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('member_count', 'integer', (col) => col.notNull())
    .addColumn('members_digest', 'text', (col) => col.notNull())
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_changed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('gone_at', 'timestamptz')
    .execute();
  await sql`create index discovered_groups_name_idx on discovered_groups (lower(display_name))`.execute(db);
  await db.schema
    .createTable('discovered_group_members')
    .addColumn('databricks_group_id', 'text', (col) => col.notNull())
    .addColumn('member_id', 'text', (col) => col.notNull())
    .addColumn('member_type', 'text', (col) =>
      col.notNull().check(sql`member_type in ('user','group','service_principal')`),
    )
    .addColumn('display', 'text', (col) => col.notNull())
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('discovered_group_members_pk', ['databricks_group_id', 'member_id'])
    .execute();
  await db.schema
    .createTable('group_member_changes')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('databricks_group_id', 'text', (col) => col.notNull())
    .addColumn('group_name', 'text', (col) => col.notNull())
    .addColumn('member_id', 'text', (col) => col.notNull())
    .addColumn('member_display', 'text', (col) => col.notNull())
    .addColumn('change', 'text', (col) => col.notNull().check(sql`change in ('added','removed')`))
    .addColumn('observed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('run_id', 'uuid')
    .addColumn('outside_bot', 'boolean', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('group_member_changes_group_idx')
    .on('group_member_changes')
    .columns(['databricks_group_id', 'observed_at'])
    .execute();

  await db.schema
    .createTable('review_campaigns')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('started_by', 'text', (col) => col.notNull())
    .addColumn('started_at', 'timestamptz', (col) => col.notNull())
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().check(sql`state in ('open','completed')`))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('schedule_key', 'text', (col) => col.unique())
    .execute();
  await db.schema
    .createTable('review_cards')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('campaign_id', 'uuid', (col) => col.notNull().references('review_campaigns.id'))
    .addColumn('databricks_group_id', 'text', (col) => col.notNull())
    .addColumn('group_name', 'text', (col) => col.notNull())
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('page', 'integer', (col) => col.notNull().defaultTo(0))
    .addUniqueConstraint('review_cards_owner_uq', ['campaign_id', 'databricks_group_id', 'owner'])
    .execute();
  await db.schema
    .createTable('review_items')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('campaign_id', 'uuid', (col) => col.notNull().references('review_campaigns.id'))
    .addColumn('databricks_group_id', 'text', (col) => col.notNull())
    .addColumn('group_name', 'text', (col) => col.notNull())
    .addColumn('group_key', 'text')
    .addColumn('member_id', 'text', (col) => col.notNull())
    .addColumn('member_display', 'text', (col) => col.notNull())
    .addColumn('member_type', 'text', (col) => col.notNull())
    .addColumn('decision', 'text', (col) => col.check(sql`decision in ('keep','remove','convert')`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('removal_state', 'text', (col) =>
      col.check(sql`removal_state in ('pending','removed','failed')`),
    )
    .addColumn('removal_error', 'text')
    .addColumn('removed_at', 'timestamptz')
    .addUniqueConstraint('review_items_member_uq', ['campaign_id', 'databricks_group_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('review_items_removal_idx')
    .on('review_items')
    .column('removal_state')
    .execute();
  await db.schema
    .createTable('jit_conversions')
    .addColumn('databricks_group_id', 'text', (col) => col.notNull())
    .addColumn('databricks_user_id', 'text', (col) => col.notNull())
    .addColumn('group_name', 'text', (col) => col.notNull())
    .addColumn('campaign_id', 'uuid', (col) => col.notNull())
    .addColumn('converted_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('jit_conversions_pk', ['databricks_group_id', 'databricks_user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'jit_conversions',
    'review_items',
    'review_cards',
    'review_campaigns',
    'group_member_changes',
    'discovered_group_members',
    'discovered_groups',
    'discovery_runs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
