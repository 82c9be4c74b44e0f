import type { Db } from '../../db/database.js';

/**
 * How long node utilisation is kept: idle compute reads at most its window (7 days at most) plus
 * a day. At one row per node and minute it is by far the largest collected table.
 */
export const NODE_TIMELINE_RETENTION_DAYS = 8;

/** Deletes node_timeline minutes older than the retention; returns how many. */
export async function pruneNodeTimeline(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('collected_node_timeline')
    .where('start_time', '<', new Date(now.getTime() - NODE_TIMELINE_RETENTION_DAYS * 86_400_000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
