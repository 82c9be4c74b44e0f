import { sql, type Kysely } from 'kysely';

/**
 * Remediation actions on a Databricks workspace (terminate a cluster, pause a job's schedule…):
 * requested from chat, approved like access requests, executed by a worker that records its
 * intent (with a lease) before calling Databricks and the outcome after. Write access is opt-in
 * per connector.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('connectors')
    .addColumn('write_access', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('write_checks', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();

  await db.schema
    .createTable('remediation_actions')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('connector_id', 'uuid', (col) => col.references('connectors.id').onDelete('set null'))
    .addColumn('workspace_url', 'text', (col) => col.notNull())
    .addColumn('workspace_name', 'text', (col) => col.notNull())
    .addColumn('target_id', 'text', (col) => col.notNull())
    .addColumn('target_label', 'text', (col) => col.notNull())
    .addColumn('requester', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`state in ('pending', 'approved', 'executing', 'succeeded', 'failed', 'denied', 'expired')`,
        ),
    )
    .addColumn('min_approvals', 'integer', (col) => col.notNull())
    .addColumn('policy', 'jsonb', (col) => col.notNull())
    .addColumn('auto_approved', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('preview', 'jsonb', (col) => col.notNull())
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('undoes_action_id', 'uuid', (col) => col.references('remediation_actions.id'))
    .addColumn('undone_by_action_id', 'uuid')
    // The worker's intent: who holds the call (token, lease start), how often it was tried.
    .addColumn('intent_token', 'uuid')
    .addColumn('intent_at', 'timestamptz')
    .addColumn('intent_attempts', 'integer', (col) => col.notNull().defaultTo(0))
    /** Set when an attempt committed its intent to call: a later attempt reads before calling again. */
    .addColumn('call_started_at', 'timestamptz')
    .addColumn('outcome', 'jsonb')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('approval_deadline', 'timestamptz', (col) => col.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .addColumn('deny_reason', 'text')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  // One open action per target and kind: a second request (or a second click) is refused.
  await sql`create unique index remediation_actions_open_uq on remediation_actions
    (kind, workspace_url, target_id) where state in ('pending', 'approved', 'executing')`.execute(db);
  await sql`create index remediation_actions_source_idx on remediation_actions (source_type, source_id)`.execute(
    db,
  );

  await db.schema
    .createTable('remediation_action_approvals')
    .addColumn('action_id', 'uuid', (col) =>
      col.notNull().references('remediation_actions.id').onDelete('cascade'),
    )
    .addColumn('approver', 'text', (col) => col.notNull())
    .addColumn('decision', 'text', (col) => col.notNull().check(sql`decision in ('approve', 'deny')`))
    .addColumn('reason', 'text')
    .addColumn('decided_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('remediation_action_approvals_pk', ['action_id', 'approver'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('remediation_action_approvals').execute();
  await db.schema.dropTable('remediation_actions').execute();
  await db.schema.alterTable('connectors').dropColumn('write_checks').dropColumn('write_access').execute();
}
