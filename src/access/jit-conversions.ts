import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Whether an access review converted this user's standing membership of the group to
 * just-in-time: such a person may request the group even when its policy lists other requesters.
 */
export async function convertedToJustInTime(
  db: Db,
  databricksGroup: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('jit_conversions')
    .select('databricks_user_id')
    .where('databricks_user_id', '=', userId)
    .where(sql<boolean>`lower(group_name) = ${databricksGroup.toLowerCase()}`)
    .executeTakeFirst();
  return row !== undefined;
}
