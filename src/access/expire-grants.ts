import type { Transaction } from 'kysely';
import { forEachConcurrently } from '../concurrency/for-each-concurrently.js';
import type { Database } from '../db/database.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import type { AccessDeps } from './access-deps.js';
import { announceStateChange } from './access-notifications.js';
import { endGrants } from './end-grants.js';
import { liveGrantsOf } from './membership-episodes.js';
import { claimChange, findMembership, forgetMembership, recordBaseline } from './membership-intents.js';
import { withMembershipLock } from './membership-lock.js';
import { carryOutRemovals, type PlannedRemoval } from './remove-memberships.js';

const BATCH = 1_000;
const ANNOUNCE_CONCURRENCY = 8;

/**
 * Ends every active grant whose end has come (by expiry or revocation). A grant is recorded as
 * ended only once its membership is settled: removed and confirmed by Databricks, or kept by
 * standing membership or another live grant. Removals are claimed and committed before any
 * SCIM call, sent coalesced per group, and their outcome recorded after. Safe to run any number
 * of times, from the delayed expiry job and from the sweepers alike.
 */
export async function expireDueGrants(deps: AccessDeps): Promise<AccessRequestRow[]> {
  const ended: AccessRequestRow[] = [];
  for (;;) {
    const plan = await withMembershipLock(deps.db, (trx) => planEndings(trx, deps.clock.now()));
    const rows = [...plan.ended, ...(await carryOutRemovals(deps, plan.removals))];
    ended.push(...rows);
    await forEachConcurrently(rows, ANNOUNCE_CONCURRENCY, (row) => announceStateChange(deps, row));
    if (!plan.full || rows.length === 0) break;
  }
  if (ended.length > 0) deps.log.info({ count: ended.length }, 'grants ended');
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
  const dueIds = due.map((grant) => grant.id);
  const byMembership = new Map<string, AccessRequestRow[]>();
  for (const grant of due) {
    const key = `${grant.databricks_group_id ?? ''}\u0000${grant.databricks_user_id}`;
    byMembership.set(key, [...(byMembership.get(key) ?? []), grant]);
  }
  const plan: Plan = { ended: [], removals: [], full: due.length === BATCH };
  for (const grants of byMembership.values()) {
    const first = grants[0]!;
    const live = await liveGrantsOf(trx, first.databricks_user_id, first.databricks_group, now, dueIds);
    if (live.length > 0) {
      plan.ended.push(...(await endGrants(trx, grants, now, 'covered')));
      continue;
    }
    const key = { groupId: first.databricks_group_id ?? '', userId: first.databricks_user_id };
    const membership = (await findMembership(trx, key)) ?? (await recordLegacyBaseline(trx, grants, now));
    if (membership.standing || membership.state === 'observed') {
      await forgetMembership(trx, key);
      plan.ended.push(
        ...(await endGrants(trx, grants, now, membership.standing ? 'standing' : 'never_added')),
      );
      continue;
    }
    const claim = await claimChange(trx, membership, 'removing', now);
    // Another attempt is removing it right now; its outcome ends these grants.
    if (claim) plan.removals.push({ claim, grants });
  }
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
