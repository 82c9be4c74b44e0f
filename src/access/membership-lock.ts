import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db/database.js';

/**
 * Runs `work` holding a Postgres advisory lock for the account's group memberships, so every
 * process (web and workers alike) computes and writes membership changes one at a time.
 */
export async function withMembershipLock<T>(
  db: Db,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('databricks-chatops:group-membership'))`.execute(trx);
    return work(trx);
  });
}
