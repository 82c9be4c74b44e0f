import { sql, type Kysely } from 'kysely';

/**
 * `submission_key`: the chat submission a request was filed from (a Slack trigger id, a Teams
 * activity id), so a retry of the same submission after a lost commit finds the request it filed
 * instead of filing a second one. `announced_at`: when the approvers and channels were told; a
 * request filed during an outage stays unannounced until the sweeper tells them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table access_requests add column submission_key text unique`.execute(db);
  await sql`alter table access_requests add column announced_at timestamptz`.execute(db);
  // Requests filed before this migration were announced when they were filed.
  await sql`update access_requests set announced_at = created_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table access_requests drop column announced_at`.execute(db);
  await sql`alter table access_requests drop column submission_key`.execute(db);
}
