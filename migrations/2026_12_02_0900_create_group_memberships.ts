import { sql, type Kysely } from 'kysely';

/**
 * What the bot knows and intends about one user's membership of one Databricks group while it
 * has grants for it: whether the user was a member before the bot's first add (`standing`,
 * observed once and never re-derived), and the membership change the bot is about to make or
 * is making (`intent`), recorded before the SCIM call and cleared after its outcome.
 * `managed_group_members` remembers the members of policy-managed groups the reconciler has
 * seen, so members added outside the bot are reported once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('group_memberships')
    .addColumn('databricks_group_id', 'text', (col) => col.notNull())
    .addColumn('databricks_user_id', 'text', (col) => col.notNull())
    .addColumn('databricks_group', 'text', (col) => col.notNull())
    .addColumn('standing', 'boolean', (col) => col.notNull())
    .addColumn('observed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('state', 'text', (col) =>
      col.notNull().check(sql`state in ('observed','adding','added','removing')`),
    )
    .addColumn('intent_token', 'uuid')
    .addColumn('intent_at', 'timestamptz')
    .addColumn('intent_attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('group_memberships_pk', ['databricks_group_id', 'databricks_user_id'])
    .execute();
  await db.schema
    .createIndex('group_memberships_state_idx')
    .on('group_memberships')
    .columns(['state', 'intent_at'])
    .execute();

  // Grants that were active before this table existed: their memberships, as recorded then.
  await sql`
    insert into group_memberships
      (databricks_group_id, databricks_user_id, databricks_group, standing, observed_at, state)
    select databricks_group_id, databricks_user_id, min(databricks_group), bool_or(standing_membership),
           min(starts_at), case when bool_or(standing_membership) then 'observed' else 'added' end
    from access_requests
    where state = 'active' and databricks_group_id is not null
    group by databricks_group_id, databricks_user_id`.execute(db);

  await db.schema
    .createTable('managed_group_members')
    .addColumn('databricks_group_id', 'text', (col) => col.notNull())
    .addColumn('databricks_user_id', 'text', (col) => col.notNull())
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('managed_group_members_pk', ['databricks_group_id', 'databricks_user_id'])
    .execute();
  await db.schema
    .createTable('managed_groups')
    .addColumn('databricks_group_id', 'text', (col) => col.primaryKey())
    .addColumn('databricks_group', 'text', (col) => col.notNull())
    .addColumn('first_reconciled_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_reconciled_at', 'timestamptz', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('managed_groups').execute();
  await db.schema.dropTable('managed_group_members').execute();
  await db.schema.dropTable('group_memberships').execute();
}
