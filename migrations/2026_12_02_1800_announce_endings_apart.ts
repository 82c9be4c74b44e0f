import { sql, type Kysely } from 'kysely';

/**
 * `end_announced_at`: when an ended grant's end was announced (the requester's DM, every card,
 * the channel threads). Expiry passes only remove memberships and record the end; announcing
 * follows in its own job, so thousands of announcements never hold up the next removals. Null
 * marks an end still to announce; the sweeper announces any a lost job left behind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table access_requests add column end_announced_at timestamptz`.execute(db);
  // Grants ended before this migration were announced when they ended.
  await sql`update access_requests set end_announced_at = coalesce(ended_at, now())
             where state in ('expired', 'revoked')`.execute(db);
  await sql`create index access_requests_ends_to_announce on access_requests (ended_at)
             where end_announced_at is null and state in ('expired', 'revoked')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index access_requests_ends_to_announce`.execute(db);
  await sql`alter table access_requests drop column end_announced_at`.execute(db);
}
