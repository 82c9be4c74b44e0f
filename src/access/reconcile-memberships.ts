import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DatabricksGroup } from '../ports/databricks-account.js';
import type { AccessDeps } from './access-deps.js';
import { membershipDriftAlert, type MembershipDrift } from './access-alerts.js';
import { liveGrantsOf } from './membership-episodes.js';
import {
  claimChange,
  confirmAdded,
  rememberKnownMembers,
  releaseClaim,
  type MembershipClaim,
} from './membership-intents.js';
import { withMembershipLock } from './membership-lock.js';
import { removeOrphanMemberships } from './remove-orphan-memberships.js';

/**
 * Compares what must be true in every policy-managed Databricks group (members of active grants,
 * the recorded standing members) with its actual members, one SCIM read per group, and repairs
 * or reports the difference: a bot-granted membership removed behind the bot's back while its
 * grant is active is added back; one that no grant keeps is removed; a member added outside the
 * bot is reported (once) to the channels subscribed to `access`, never removed.
 */
export async function reconcileMemberships(deps: AccessDeps): Promise<MembershipDrift[]> {
  const leftovers = await removeOrphanMemberships(deps);
  const drifts: MembershipDrift[] = [];
  const seen = new Set<string>();
  for (const policy of deps.policy.groups) {
    const name = policy.databricksGroup;
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    const group = await deps.databricks.findGroupByName(name);
    if (!group) {
      deps.log.warn({ group: name }, 'reconciler: a policy group does not exist in Databricks');
      continue;
    }
    const { addedOutside, claims } = await withMembershipLock(deps.db, (trx) => compare(trx, deps, group));
    const reapplied: string[] = [];
    for (const claim of claims) if (await addBack(deps, claim)) reapplied.push(claim.userId);
    const removedLeftovers = leftovers.filter((key) => key.groupId === group.id).map((key) => key.userId);
    if (addedOutside.length + reapplied.length + removedLeftovers.length === 0) continue;
    const drift: MembershipDrift = {
      groupKey: policy.key,
      databricksGroup: group.displayName,
      addedOutside,
      reapplied,
      removedLeftovers,
      fingerprint: `${group.id}:${deps.clock.now().getTime()}`,
    };
    drifts.push(drift);
    deps.log.warn(
      { group: group.displayName, addedOutside, reapplied, removedLeftovers },
      'membership drift',
    );
    await deps.publishAlert(membershipDriftAlert(drift));
  }
  return drifts;
}

async function compare(trx: Transaction<Database>, deps: AccessDeps, group: DatabricksGroup) {
  const now = deps.clock.now();
  const members = new Set(group.memberIds);
  const managed = await trx
    .selectFrom('managed_groups')
    .select('databricks_group_id')
    .where('databricks_group_id', '=', group.id)
    .executeTakeFirst();
  const rows = await trx
    .selectFrom('group_memberships')
    .selectAll()
    .where('databricks_group_id', '=', group.id)
    .forUpdate()
    .execute();
  const known = new Set(
    (
      await trx
        .selectFrom('managed_group_members')
        .select('databricks_user_id')
        .where('databricks_group_id', '=', group.id)
        .execute()
    ).map((row) => row.databricks_user_id),
  );
  const botManaged = new Set(rows.filter((row) => !row.standing).map((row) => row.databricks_user_id));
  const unexplained = group.memberIds.filter((id) => !known.has(id) && !botManaged.has(id));
  // The first look at a group takes its members as they are; from then on, newcomers are drift.
  const addedOutside = managed ? unexplained : [];
  await rememberKnownMembers(trx, group.id, unexplained, now);
  await trx
    .deleteFrom('managed_group_members')
    .where('databricks_group_id', '=', group.id)
    .where('databricks_user_id', 'not in', group.memberIds.length > 0 ? group.memberIds : [''])
    .execute();
  await trx
    .insertInto('managed_groups')
    .values({
      databricks_group_id: group.id,
      databricks_group: group.displayName,
      first_reconciled_at: now,
      last_reconciled_at: now,
    })
    .onConflict((oc) => oc.column('databricks_group_id').doUpdateSet({ last_reconciled_at: now }))
    .execute();

  const claims: MembershipClaim[] = [];
  for (const row of rows) {
    if (row.standing || members.has(row.databricks_user_id)) continue;
    if (row.state !== 'added' && row.state !== 'adding') continue;
    const live = await liveGrantsOf(trx, row.databricks_user_id, row.databricks_group, now);
    if (!live.some((grant) => grant.state === 'active')) continue;
    const claim = await claimChange(trx, row, 'adding', now);
    if (claim) claims.push({ ...claim, resumed: false });
  }
  return { addedOutside, claims };
}

/**
 * Adds a granted member back. The group was read before the claim; an apply may have added the
 * user since, so it is read again now that this attempt holds the change.
 */
async function addBack(deps: AccessDeps, claim: MembershipClaim): Promise<boolean> {
  try {
    const group = await deps.databricks.getGroup(claim.groupId);
    if (group.memberIds.includes(claim.userId)) {
      await withMembershipLock(deps.db, (trx) => confirmAdded(trx, claim));
      return false;
    }
    await deps.databricks.addGroupMembers(claim.groupId, [claim.userId]);
  } catch (error) {
    deps.log.error({ err: error, userId: claim.userId }, 'reconciler: could not add a granted member back');
    await releaseClaim(deps.db, claim, error instanceof Error ? error.message : String(error));
    return false;
  }
  await withMembershipLock(deps.db, (trx) => confirmAdded(trx, claim));
  return true;
}
