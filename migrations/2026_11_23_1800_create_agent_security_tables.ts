import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Agents found on a connected workspace's serving endpoints (or MLflow trace tables), with
  // where their traces are and how their last scan went.
  await db.schema
    .createTable('agents')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('connector_id', 'uuid', (col) => col.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('workspace_url', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('endpoint_id', 'text')
    .addColumn('task', 'text')
    .addColumn('served_entities', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('inference_table', 'text')
    .addColumn('spans_table', 'text')
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .defaultTo('active')
        .check(sql`state in ('active', 'gone')`),
    )
    .addColumn('discovered_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_scan_at', 'timestamptz')
    .addColumn('last_scan_status', 'text')
    .addColumn('last_scan_detail', 'text')
    .addColumn('last_scan_rows', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('scanned_until', 'timestamptz')
    .addUniqueConstraint('agents_connector_name_uq', ['connector_id', 'name'])
    .execute();

  // Trace rows already scanned (by databricks_request_id, or trace_id/span_id), so overlapping
  // look-back windows never scan a row twice. Pruned once a row is older than the window.
  await db.schema
    .createTable('agent_scanned_rows')
    .addColumn('agent_id', 'uuid', (col) => col.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('row_key', 'text', (col) => col.notNull())
    .addColumn('event_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('agent_scanned_rows_pk', ['agent_id', 'source', 'row_key'])
    .execute();
  await db.schema
    .createIndex('agent_scanned_rows_event_idx')
    .on('agent_scanned_rows')
    .column('event_at')
    .execute();

  // One row per distinct finding (fingerprint: keyed hash of agent + rule + value). Evidence is
  // redacted; the value itself is never stored.
  await db.schema
    .createTable('security_findings')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('fingerprint', 'text', (col) => col.notNull().unique())
    .addColumn('agent_id', 'uuid', (col) => col.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('detector', 'text', (col) => col.notNull())
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) =>
      col.notNull().check(sql`severity in ('low', 'medium', 'high', 'critical')`),
    )
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('evidence', 'jsonb', (col) => col.notNull())
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .defaultTo('open')
        .check(sql`state in ('open', 'acknowledged', 'snoozed', 'muted', 'false_positive')`),
    )
    .addColumn('snoozed_until', 'timestamptz')
    .addColumn('count', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('first_trace_id', 'text')
    .addColumn('last_trace_id', 'text')
    .addColumn('last_request_id', 'text')
    .addColumn('announced_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('announced_at', 'timestamptz')
    .addColumn('state_changed_by', 'text')
    .addColumn('state_changed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('security_findings_agent_state_idx')
    .on('security_findings')
    .columns(['agent_id', 'state'])
    .execute();

  // Fingerprints people marked as false positives: never reported again for that agent.
  await db.schema
    .createTable('finding_allow_list')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('agent_id', 'uuid', (col) => col.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('detector', 'text', (col) => col.notNull())
    .addColumn('fingerprint', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addUniqueConstraint('finding_allow_list_uq', ['agent_id', 'fingerprint'])
    .execute();

  // Rules muted for one agent: their hits are not recorded or posted.
  await db.schema
    .createTable('finding_rule_mutes')
    .addColumn('agent_id', 'uuid', (col) => col.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('detector', 'text', (col) => col.notNull())
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('muted_by', 'text', (col) => col.notNull())
    .addColumn('muted_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('finding_rule_mutes_pk', ['agent_id', 'detector', 'rule'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('finding_rule_mutes').execute();
  await db.schema.dropTable('finding_allow_list').execute();
  await db.schema.dropTable('security_findings').execute();
  await db.schema.dropTable('agent_scanned_rows').execute();
  await db.schema.dropTable('agents').execute();
}
