import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export type Locked<T> = { acquired: true; result: T } | { acquired: false };

/**
 * Runs `work` while holding the region's collector lock (a session-level Postgres advisory lock
 * on a connection kept for the whole run), so at most one run per region collects at a time
 * across every worker and the CLI. A second caller does not wait: it is told the lock is taken.
 * If the process dies, Postgres drops the connection and with it the lock.
 */
export async function withRegionLock<T>(
  db: Db,
  regionId: string,
  work: () => Promise<T>,
): Promise<Locked<T>> {
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_lock(hashtext(${LOCK_CLASS}), hashtext(${regionId})) as locked`.execute(
      connection,
    );
    if (!rows[0]?.locked) return { acquired: false };
    try {
      return { acquired: true, result: await work() };
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${LOCK_CLASS}), hashtext(${regionId}))`
        .execute(connection)
        .catch(() => undefined);
    }
  });
}

const LOCK_CLASS = 'databricks-chatops:collector-region';
