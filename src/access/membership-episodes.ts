import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db/database.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import type { GroupMembershipRow } from '../db/tables/group-memberships.js';
import { INTENT_LEASE_MS } from './membership-intents.js';

type Executor = Db | Transaction<Database>;

/**
 * Grants that keep a user's membership of a group alive at `now`: approved ones about to be
 * applied, and active ones whose end has not come. `exceptIds` are the grants being ended.
 */
export async function liveGrantsOf(
  db: Executor,
  userId: string,
  groupName: string,
  now: Date,
  exceptIds: string[] = [],
): Promise<AccessRequestRow[]> {
  let query = db
    .selectFrom('access_requests')
    .selectAll()
    .where('databricks_user_id', '=', userId)
    .where('databricks_group', '=', groupName)
    .where((eb) =>
      eb.or([eb('state', '=', 'approved'), eb.and([eb('state', '=', 'active'), eb('ends_at', '>', now)])]),
    );
  if (exceptIds.length > 0) query = query.where('id', 'not in', exceptIds);
  return query.execute();
}

/**
 * After a grant failed to apply: when nothing else keeps the episode alive and the bot never
 * asked for an add, its record goes (the next request observes afresh). A recorded add whose
 * outcome is unknown stays for the sweeper, which reads Databricks and removes it if it landed.
 */
export async function endEpisodeIfUnused(
  trx: Transaction<Database>,
  grant: AccessRequestRow,
  now: Date,
): Promise<void> {
  const live = await liveGrantsOf(trx, grant.databricks_user_id, grant.databricks_group, now, [grant.id]);
  if (live.length > 0) return;
  await trx
    .deleteFrom('group_memberships')
    .where('databricks_user_id', '=', grant.databricks_user_id)
    .where('databricks_group', '=', grant.databricks_group)
    .where('state', '=', 'observed')
    .execute();
}

/**
 * Memberships the bot added (or may have added) that no grant keeps alive any more and no
 * attempt is working on: left behind by a failed apply or a crash; and standing members an access
 * review is removing whose removal has not been confirmed yet. Episodes that never added anyone
 * are simply forgotten here.
 */
export async function orphanMemberships(
  trx: Transaction<Database>,
  now: Date,
): Promise<GroupMembershipRow[]> {
  const unkept = await trx
    .selectFrom('group_memberships as m')
    .selectAll('m')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('access_requests as r')
            .select(sql`1`.as('one'))
            .whereRef('r.databricks_user_id', '=', 'm.databricks_user_id')
            .whereRef('r.databricks_group', '=', 'm.databricks_group')
            .where('r.state', 'in', ['approved', 'active']),
        ),
      ),
    )
    .where((eb) =>
      eb.or([
        eb('m.intent_at', 'is', null),
        eb('m.intent_at', '<', new Date(now.getTime() - INTENT_LEASE_MS)),
      ]),
    )
    .forUpdate()
    .execute();
  // A standing member stays the bot's business only while an access review is removing them.
  const reviewRemoval = (row: GroupMembershipRow) => row.standing && row.state === 'removing';
  const forget = unkept.filter((row) => !reviewRemoval(row) && (row.standing || row.state === 'observed'));
  for (const row of forget) {
    await trx
      .deleteFrom('group_memberships')
      .where('databricks_group_id', '=', row.databricks_group_id)
      .where('databricks_user_id', '=', row.databricks_user_id)
      .execute();
  }
  return unkept.filter((row) => reviewRemoval(row) || (!row.standing && row.state !== 'observed'));
}

/**
 * Of these (user, group name) pairs, the ones some grant keeps alive at `now` (approved, or active
 * and not yet ended), other than `exceptIds`: one query for a whole expiry pass.
 */
export async function pairsKeptAlive(
  db: Executor,
  pairs: { userId: string; groupName: string }[],
  now: Date,
  exceptIds: string[],
): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  let query = db
    .selectFrom('access_requests')
    .select(['databricks_user_id', 'databricks_group'])
    .distinct()
    .where(
      sql<boolean>`(databricks_user_id, databricks_group) in (${sql.join(pairs.map((pair) => sql`(${pair.userId}, ${pair.groupName})`))})`,
    )
    .where((eb) =>
      eb.or([eb('state', '=', 'approved'), eb.and([eb('state', '=', 'active'), eb('ends_at', '>', now)])]),
    );
  if (exceptIds.length > 0) query = query.where('id', 'not in', exceptIds);
  const rows = await query.execute();
  return new Set(rows.map((row) => `${row.databricks_user_id}\u0000${row.databricks_group}`));
}
