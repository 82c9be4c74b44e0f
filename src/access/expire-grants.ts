import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import type { AccessDeps } from './access-deps.js';
import { endGrants } from './end-grants.js';
import { pairsKeptAlive } from './membership-episodes.js';
import {
  claimRemovals,
  findMemberships,
  forgetMemberships,
  membershipKeyOf,
  recordBaseline,
  type MembershipKey,
} from './membership-intents.js';
import type { GroupMembershipRow } from '../db/tables/group-memberships.js';
import { withMembershipLock } from './membership-lock.js';
import { carryOutRemovals, type PlannedRemoval } from './remove-memberships.js';

const BATCH = 1_000;

/**
 * Ends every active grant whose end has come (by expiry or revocation). A grant is recorded as
 * ended only once its membership is settled: removed and confirmed by Databricks, or kept by
 * standing membership or another live grant. Removals are claimed and committed before any
 * SCIM call, sent coalesced per group, and their outcome recorded after. Safe to run any number
 * of times, from the delayed expiry job and from the sweepers alike. The ends are announced by a
 * job of their own (announce-endings.ts).
 */
export async function expireDueGrants(deps: AccessDeps): Promise<AccessRequestRow[]> {
  const ended: AccessRequestRow[] = [];
  for (;;) {
    const plan = await withMembershipLock(deps.db, (trx) => planEndings(trx, deps.clock.now()));
    const rows = [...plan.ended, ...(await carryOutRemovals(deps, plan.removals))];
    ended.push(...rows);
    if (!plan.full || rows.length === 0) break;
  }
  if (ended.length === 0) return ended;
  deps.log.info({ count: ended.length }, 'grants ended');
  // Announcing thousands of ends takes longer than removing them: it must not delay the next
  // pass. The ends are recorded as not yet announced; the sweeper covers a lost job.
  await deps.jobs
    .announceEndings()
    .catch((error: unknown) =>
      deps.log.warn({ err: error }, 'could not queue the announcement of ended grants; the sweeper will'),
    );
  return ended;
}

interface Plan {
  /** Grants ended at once: their membership needs no removal. */
  ended: AccessRequestRow[];
  removals: PlannedRemoval[];
  full: boolean;
}

async function planEndings(trx: Transaction<Database>, now: Date): Promise<Plan> {
  const due = await trx
    .selectFrom('access_requests')
    .selectAll()
    .where('state', '=', 'active')
    .where('ends_at', '<=', now)
    .orderBy('ends_at')
    .limit(BATCH)
    .execute();
  const plan: Plan = { ended: [], removals: [], full: due.length === BATCH };
  if (due.length === 0) return plan;
  const byMembership = new Map<string, AccessRequestRow[]>();
  for (const grant of due) {
    const key = membershipKeyOf({
      groupId: grant.databricks_group_id ?? '',
      userId: grant.databricks_user_id,
    });
    byMembership.set(key, [...(byMembership.get(key) ?? []), grant]);
  }
  const groups = [...byMembership.values()];
  const keptAlive = await pairsKeptAlive(
    trx,
    groups.map(([first]) => ({ userId: first!.databricks_user_id, groupName: first!.databricks_group })),
    now,
    due.map((grant) => grant.id),
  );
  const memberships = await findMemberships(
    trx,
    groups.map(([first]) => ({
      groupId: first!.databricks_group_id ?? '',
      userId: first!.databricks_user_id,
    })),
  );

  const covered: AccessRequestRow[] = [];
  const standing: AccessRequestRow[] = [];
  const neverAdded: AccessRequestRow[] = [];
  const forget: MembershipKey[] = [];
  const toClaim: { row: GroupMembershipRow; grants: AccessRequestRow[] }[] = [];
  for (const grants of groups) {
    const first = grants[0]!;
    const key = { groupId: first.databricks_group_id ?? '', userId: first.databricks_user_id };
    if (keptAlive.has(`${first.databricks_user_id}\u0000${first.databricks_group}`)) {
      covered.push(...grants);
      continue;
    }
    const membership =
      memberships.get(membershipKeyOf(key)) ?? (await recordLegacyBaseline(trx, grants, now));
    if (membership.standing || membership.state === 'observed') {
      forget.push(key);
      (membership.standing ? standing : neverAdded).push(...grants);
      continue;
    }
    toClaim.push({ row: membership, grants });
  }
  await forgetMemberships(trx, forget);
  plan.ended.push(
    ...(await endGrants(trx, covered, now, 'covered')),
    ...(await endGrants(trx, standing, now, 'standing')),
    ...(await endGrants(trx, neverAdded, now, 'never_added')),
  );
  // Memberships another attempt is removing right now are left to it: its outcome ends them.
  const claims = await claimRemovals(
    trx,
    toClaim.map((item) => item.row),
    now,
  );
  const grantsOf = new Map(
    toClaim.map((item) => [
      membershipKeyOf({ groupId: item.row.databricks_group_id, userId: item.row.databricks_user_id }),
      item.grants,
    ]),
  );
  for (const claim of claims) plan.removals.push({ claim, grants: grantsOf.get(membershipKeyOf(claim))! });
  return plan;
}

/** A grant with no membership record predates the records: its own flag is the baseline. */
async function recordLegacyBaseline(trx: Transaction<Database>, grants: AccessRequestRow[], now: Date) {
  const first = grants[0]!;
  const standing = grants.every((grant) => grant.standing_membership);
  const row = await recordBaseline(trx, {
    groupId: first.databricks_group_id ?? '',
    userId: first.databricks_user_id,
    groupName: first.databricks_group,
    isMember: standing,
    at: now,
  });
  return standing ? row : { ...row, state: 'added' as const };
}
