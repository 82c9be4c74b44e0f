import { sql, type Kysely } from 'kysely';

/** Per alert rule: first evaluated (a new rule starts with the current period), last inputs seen. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cost_alert_rule_evaluations (
      rule_name text primary key,
      first_evaluated_at timestamptz not null,
      inputs_fingerprint text not null,
      evaluated_at timestamptz not null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cost_alert_rule_evaluations').execute();
}
