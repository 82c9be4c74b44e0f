import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Usage dates of the region's billing rows stored or changed since `since` (collected_at moves
 * only when a row changes). Used once after a crash: the dead run never reported what it wrote.
 */
export async function usageDatesCollectedSince(db: Db, regionId: string, since: Date): Promise<string[]> {
  const { rows } = await sql<{ day: string }>`
    select distinct usage_date::text as day from collected_billing_usage
    where region_id = ${regionId} and collected_at >= ${since} and usage_date is not null
    order by 1`.execute(db);
  return rows.map((row) => row.day);
}
