import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db/database.js';
import type { GroupMembershipRow } from '../db/tables/group-memberships.js';

type Executor = Db | Transaction<Database>;

/**
 * How long an attempt owns a membership change it recorded. Another attempt (a retry after a
 * crash, another worker) waits until the lease has run out, then takes the change over and
 * first reads Databricks to learn whether the earlier attempt's call landed.
 */
export const INTENT_LEASE_MS = 15_000;

export interface MembershipKey {
  groupId: string;
  userId: string;
}

/** An attempt's claim on a membership change, recorded (and committed) before the SCIM call. */
export interface MembershipClaim extends MembershipKey {
  token: string;
  /** An earlier attempt recorded the same change and never its outcome: read before writing. */
  resumed: boolean;
  standing: boolean;
}

export async function findMembership(
  db: Executor,
  key: MembershipKey,
): Promise<GroupMembershipRow | undefined> {
  return db
    .selectFrom('group_memberships')
    .selectAll()
    .where('databricks_group_id', '=', key.groupId)
    .where('databricks_user_id', '=', key.userId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Records whether the user was a member before the bot added them, unless it is recorded
 * already: the first observation of an episode wins and is never re-derived, because a later
 * one may see the bot's own add. Also remembers a standing member as known to the reconciler.
 */
export async function recordBaseline(
  trx: Transaction<Database>,
  key: MembershipKey & { groupName: string; isMember: boolean; at: Date },
): Promise<GroupMembershipRow> {
  await trx
    .insertInto('group_memberships')
    .values({
      databricks_group_id: key.groupId,
      databricks_user_id: key.userId,
      databricks_group: key.groupName,
      standing: key.isMember,
      observed_at: key.at,
      state: 'observed',
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (key.isMember) await rememberKnownMembers(trx, key.groupId, [key.userId], key.at);
  const row = await trx
    .selectFrom('group_memberships')
    .selectAll()
    .where('databricks_group_id', '=', key.groupId)
    .where('databricks_user_id', '=', key.userId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * Claims the change `state` for this attempt, or returns undefined while another attempt's lease
 * is live. Commit the claim before calling Databricks.
 */
export async function claimChange(
  trx: Transaction<Database>,
  row: GroupMembershipRow,
  state: 'adding' | 'removing',
  now: Date,
): Promise<MembershipClaim | undefined> {
  const leased =
    row.intent_token !== null &&
    row.intent_at !== null &&
    now.getTime() - row.intent_at.getTime() < INTENT_LEASE_MS;
  if (leased) return undefined;
  const token = randomUUID();
  const resumed = row.state === state || (row.state === 'adding' && state === 'removing');
  await trx
    .updateTable('group_memberships')
    .set({
      state,
      intent_token: token,
      intent_at: now,
      intent_attempts: row.state === state ? sql`intent_attempts + 1` : 1,
      last_error: null,
    })
    .where('databricks_group_id', '=', row.databricks_group_id)
    .where('databricks_user_id', '=', row.databricks_user_id)
    .execute();
  return {
    groupId: row.databricks_group_id,
    userId: row.databricks_user_id,
    token,
    resumed,
    standing: row.standing,
  };
}

/** The add this attempt claimed is confirmed by Databricks. */
export async function confirmAdded(trx: Transaction<Database>, claim: MembershipClaim): Promise<boolean> {
  const result = await trx
    .updateTable('group_memberships')
    .set({ state: 'added', intent_token: null, intent_at: null, intent_attempts: 0, last_error: null })
    .where('databricks_group_id', '=', claim.groupId)
    .where('databricks_user_id', '=', claim.userId)
    .where('intent_token', '=', claim.token)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The call failed (or its outcome is unknown): the intent stays, the lease is released, so the
 * next attempt reads Databricks before it writes again.
 */
export async function releaseClaim(db: Executor, claim: MembershipClaim, error: string): Promise<number> {
  const row = await db
    .updateTable('group_memberships')
    .set({ intent_token: null, intent_at: null, last_error: error.slice(0, 500) })
    .where('databricks_group_id', '=', claim.groupId)
    .where('databricks_user_id', '=', claim.userId)
    .where('intent_token', '=', claim.token)
    .returning('intent_attempts')
    .executeTakeFirst();
  return row?.intent_attempts ?? 0;
}

/**
 * Databricks refused a standing member's removal outright (a 4xx other than 404): nothing
 * changed, so the record goes (the next observation starts afresh) rather than leaving an intent
 * the orphan pass would carry out later. Any other record is released as usual.
 */
export async function abandonStandingRemoval(
  db: Executor,
  claim: MembershipClaim,
  error: string,
): Promise<void> {
  const dropped = await db
    .deleteFrom('group_memberships')
    .where('databricks_group_id', '=', claim.groupId)
    .where('databricks_user_id', '=', claim.userId)
    .where('intent_token', '=', claim.token)
    .where('standing', '=', true)
    .executeTakeFirst();
  if (dropped.numDeletedRows === 0n) await releaseClaim(db, claim, error);
}

/** Members of a managed group the reconciler counts as known (not drift). */
export async function rememberKnownMembers(
  db: Executor,
  groupId: string,
  userIds: string[],
  at: Date,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('managed_group_members')
    .values(
      userIds.map((userId) => ({
        databricks_group_id: groupId,
        databricks_user_id: userId,
        first_seen_at: at,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const pairKey = (groupId: string, userId: string) => `${groupId}\u0000${userId}`;

/** The records of many memberships at once, locked, by `groupId\0userId`. */
export async function findMemberships(
  trx: Transaction<Database>,
  keys: MembershipKey[],
): Promise<Map<string, GroupMembershipRow>> {
  if (keys.length === 0) return new Map();
  const rows = await trx
    .selectFrom('group_memberships')
    .selectAll()
    .where(
      sql<boolean>`(databricks_group_id, databricks_user_id) in (${sql.join(keys.map((key) => sql`(${key.groupId}, ${key.userId})`))})`,
    )
    .forUpdate()
    .execute();
  return new Map(rows.map((row) => [pairKey(row.databricks_group_id, row.databricks_user_id), row]));
}

export const membershipKeyOf = (key: MembershipKey) => pairKey(key.groupId, key.userId);

/**
 * Claims the removal of many memberships for one attempt (one statement), skipping those another
 * attempt holds a live lease on. Commit before calling Databricks.
 */
export async function claimRemovals(
  trx: Transaction<Database>,
  rows: GroupMembershipRow[],
  now: Date,
): Promise<MembershipClaim[]> {
  const free = rows.filter(
    (row) =>
      row.intent_token === null ||
      row.intent_at === null ||
      now.getTime() - row.intent_at.getTime() >= INTENT_LEASE_MS,
  );
  if (free.length === 0) return [];
  const token = randomUUID();
  await trx
    .updateTable('group_memberships')
    .set({
      state: 'removing',
      intent_token: token,
      intent_at: now,
      intent_attempts: sql`case when state = 'removing' then intent_attempts + 1 else 1 end`,
      last_error: null,
    })
    .where(
      sql<boolean>`(databricks_group_id, databricks_user_id) in (${sql.join(free.map((row) => sql`(${row.databricks_group_id}, ${row.databricks_user_id})`))})`,
    )
    .execute();
  return free.map((row) => ({
    groupId: row.databricks_group_id,
    userId: row.databricks_user_id,
    token,
    resumed: row.state === 'removing' || row.state === 'adding',
    standing: row.standing,
  }));
}

/** Removals confirmed by Databricks: their episodes are over, their records go (one statement). */
export async function confirmRemovals(trx: Transaction<Database>, claims: MembershipClaim[]): Promise<void> {
  if (claims.length === 0) return;
  await trx
    .deleteFrom('group_memberships')
    .where(
      sql<boolean>`(databricks_group_id, databricks_user_id, intent_token) in (${sql.join(claims.map((claim) => sql`(${claim.groupId}, ${claim.userId}, ${claim.token}::uuid)`))})`,
    )
    .execute();
}

/** Ends episodes in which the bot never added anyone (one statement). */
export async function forgetMemberships(trx: Transaction<Database>, keys: MembershipKey[]): Promise<void> {
  if (keys.length === 0) return;
  await trx
    .deleteFrom('group_memberships')
    .where(
      sql<boolean>`(databricks_group_id, databricks_user_id) in (${sql.join(keys.map((key) => sql`(${key.groupId}, ${key.userId})`))})`,
    )
    .where('state', '=', 'observed')
    .execute();
}
