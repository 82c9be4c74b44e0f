import { sql, type Kysely } from 'kysely';

/**
 * Every access request gets a short number people can read and type (`AR-1001`) instead of its
 * UUID. Existing requests are numbered in the order they were filed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence access_request_number start 1001`.execute(db);
  await sql`alter table access_requests add column number integer`.execute(db);
  await sql`update access_requests set number = numbered.n
    from (select id, nextval('access_request_number') as n from
      (select id from access_requests order by created_at, id) ordered) numbered
    where access_requests.id = numbered.id`.execute(db);
  await sql`alter table access_requests alter column number set default nextval('access_request_number')`.execute(
    db,
  );
  await sql`alter table access_requests alter column number set not null`.execute(db);
  await sql`alter sequence access_request_number owned by access_requests.number`.execute(db);
  await sql`create unique index access_requests_number_idx on access_requests (number)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table access_requests drop column number`.execute(db);
}
