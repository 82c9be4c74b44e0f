import { sql, type Kysely } from 'kysely';

/**
 * `followed_up_at`: when an executed action's outcome was announced (every card, the alert's
 * thread) and its follow-ups ran (cost alerts re-evaluated). A worker killed between recording
 * the outcome and announcing it leaves it null, so the next attempt or the sweeper finishes the
 * job instead of leaving the cards saying "executing" for ever.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table remediation_actions add column followed_up_at timestamptz`.execute(db);
  // Actions finished before this migration were announced when they finished.
  await sql`update remediation_actions set followed_up_at = finished_at
             where state in ('succeeded', 'failed')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table remediation_actions drop column followed_up_at`.execute(db);
}
