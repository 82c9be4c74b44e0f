import type { Db } from '../../db/database.js';

/**
 * How long node utilisation hours are kept: idle compute reads at most its window (7 days at
 * most) plus a day.
 */
export const NODE_HOURS_RETENTION_DAYS = 8;

/** Deletes node utilisation hours older than the retention; returns how many. */
export async function pruneNodeHours(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('collected_node_hours')
    .where('hour', '<', new Date(now.getTime() - NODE_HOURS_RETENTION_DAYS * 86_400_000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
