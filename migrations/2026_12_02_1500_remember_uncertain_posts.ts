import { sql, type Kysely } from 'kysely';

/**
 * When a post or thread reply was first attempted without a recorded outcome: a crash between
 * the platform accepting it and the row being marked sent leaves this set, and the retry looks
 * for its own earlier post (tagged with the row's key) before posting again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table message_deliveries add column posting_since timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table message_deliveries drop column posting_since`.execute(db);
}
