import { sql, type Kysely } from 'kysely';

/**
 * The outbox also holds replies in the thread of a posted message (a finding seen again): a
 * `reply` row targets the posted copy (`target_kind = 'posted'`, its message id) and is sent once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table message_deliveries drop constraint message_deliveries_operation_check`.execute(db);
  await sql`alter table message_deliveries add constraint message_deliveries_operation_check
    check (operation in ('post', 'update', 'reply'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from message_deliveries where operation = 'reply'`.execute(db);
  await sql`alter table message_deliveries drop constraint message_deliveries_operation_check`.execute(db);
  await sql`alter table message_deliveries add constraint message_deliveries_operation_check
    check (operation in ('post', 'update'))`.execute(db);
}
