import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('access_requests')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('group_key', 'text', (col) => col.notNull())
    .addColumn('databricks_group', 'text', (col) => col.notNull())
    .addColumn('requester', 'text', (col) => col.notNull())
    .addColumn('requester_email', 'text', (col) => col.notNull())
    .addColumn('databricks_user_id', 'text', (col) => col.notNull())
    .addColumn('duration_seconds', 'integer', (col) => col.notNull().check(sql`duration_seconds > 0`))
    .addColumn('reason', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('ticket_url', 'text')
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`state in ('pending','approved','active','expired','revoked','denied','cancelled','timed_out','apply_failed')`,
        ),
    )
    .addColumn('min_approvals', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('policy', 'jsonb', (col) => col.notNull())
    .addColumn('auto_approved', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('extends_request_id', 'uuid', (col) => col.references('access_requests.id'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('approval_deadline', 'timestamptz', (col) => col.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .addColumn('deny_reason', 'text')
    .addColumn('databricks_group_id', 'text')
    .addColumn('standing_membership', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('starts_at', 'timestamptz')
    .addColumn('ends_at', 'timestamptz')
    .addColumn('reminder_sent_at', 'timestamptz')
    .addColumn('revoke_requested_by', 'text')
    .addColumn('revoke_reason', 'text')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('access_requests_due_idx')
    .on('access_requests')
    .columns(['state', 'ends_at'])
    .execute();
  await db.schema
    .createIndex('access_requests_requester_idx')
    .on('access_requests')
    .columns(['requester', 'state'])
    .execute();
  await db.schema
    .createIndex('access_requests_member_idx')
    .on('access_requests')
    .columns(['databricks_user_id', 'databricks_group', 'state'])
    .execute();
  // At most one open (pending or approved) request per person and group: no double requests.
  await sql`
    create unique index access_requests_one_open_idx on access_requests (requester, group_key)
    where state in ('pending', 'approved') and extends_request_id is null`.execute(db);

  await db.schema
    .createTable('access_approvals')
    .addColumn('request_id', 'uuid', (col) => col.notNull().references('access_requests.id'))
    .addColumn('approver', 'text', (col) => col.notNull())
    .addColumn('decision', 'text', (col) => col.notNull().check(sql`decision in ('approve','deny')`))
    .addColumn('reason', 'text')
    .addColumn('decided_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('access_approvals_pk', ['request_id', 'approver'])
    .execute();

  // Every chat message we posted about a domain object, so later changes can update each copy.
  await db.schema
    .createTable('posted_messages')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('subject_type', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'text', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('message_id', 'text', (col) => col.notNull())
    .addColumn('recipient', 'text')
    .addColumn('posted_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('posted_messages_ref_uq', ['platform', 'channel', 'message_id'])
    .execute();
  await db.schema
    .createIndex('posted_messages_subject_idx')
    .on('posted_messages')
    .columns(['subject_type', 'subject_id', 'purpose'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('posted_messages').execute();
  await db.schema.dropTable('access_approvals').execute();
  await db.schema.dropTable('access_requests').execute();
}
