import { sql, type Kysely } from 'kysely';

/**
 * Deliveries about one subject (a region's health, an alert, a request) reach each recipient in
 * the order they were queued: every outbox row gets a sequence number, and posts with the same
 * `order_key` to the same target are delivered one after another, lowest sequence first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table message_deliveries add column seq bigint generated always as identity`.execute(db);
  await sql`alter table message_deliveries add column order_key text`.execute(db);
  await sql`create index message_deliveries_order_idx on message_deliveries (order_key, platform, target_id, seq)
    where state = 'pending' and order_key is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index message_deliveries_order_idx`.execute(db);
  await sql`alter table message_deliveries drop column order_key`.execute(db);
  await sql`alter table message_deliveries drop column seq`.execute(db);
}
