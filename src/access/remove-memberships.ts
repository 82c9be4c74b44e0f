import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { DatabricksApiError } from '../ports/databricks-account.js';
import type { AccessDeps } from './access-deps.js';
import { removalFailedAlert } from './access-alerts.js';
import { endGrants, type MembershipOutcome } from './end-grants.js';
import {
  abandonStandingRemoval,
  confirmRemovals,
  releaseClaim,
  type MembershipClaim,
} from './membership-intents.js';
import { withMembershipLock } from './membership-lock.js';

/** A removal claimed (and committed) for one membership, and the grants waiting for it. */
export interface PlannedRemoval {
  claim: MembershipClaim;
  grants: AccessRequestRow[];
}

/**
 * Sends the claimed removals, one coalesced SCIM write per group, then records each outcome:
 * confirmed removals end their grants (`access.expired` / `access.revoked`); a failed one keeps
 * its grants active (Databricks still has the member), is audited as `access.removal_failed`
 * and announced the first time, and is retried by the next pass. Returns the grants ended.
 */
export async function carryOutRemovals(
  deps: AccessDeps,
  removals: PlannedRemoval[],
): Promise<AccessRequestRow[]> {
  const byGroup = new Map<string, PlannedRemoval[]>();
  for (const removal of removals) {
    const groupId = removal.claim.groupId;
    byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), removal]);
  }
  // Every group at once: the SCIM client paces the writes and sends them back to back.
  const ended = await Promise.all(
    [...byGroup].map(([groupId, planned]) => removeAndRecord(deps, groupId, planned)),
  );
  return ended.flat();
}

async function removeAndRecord(
  deps: AccessDeps,
  groupId: string,
  planned: PlannedRemoval[],
): Promise<AccessRequestRow[]> {
  let outcomes: Map<PlannedRemoval, MembershipOutcome>;
  try {
    outcomes = await removeFromGroup(deps, groupId, planned);
  } catch (error) {
    await recordRemovalFailure(deps, planned, error);
    return [];
  }
  return withMembershipLock(deps.db, async (trx) => {
    const endedAt = deps.clock.now();
    await confirmRemovals(
      trx,
      planned.map((removal) => removal.claim),
    );
    const ended: AccessRequestRow[] = [];
    for (const outcome of ['removed', 'confirmed_absent'] as const) {
      const grants = planned
        .filter((removal) => outcomes.get(removal) === outcome)
        .flatMap((removal) => removal.grants);
      ended.push(...(await endGrants(trx, grants, endedAt, outcome)));
    }
    return ended;
  });
}

/**
 * Sends one claimed removal no grant waits for (a standing member's) and confirms it, like
 * carryOutRemovals, but for a caller that must know why it failed (an action shows a permanent
 * error on its card at once): the error is thrown; the intent is kept when the outcome may be
 * unknown (the next attempt reads first), and dropped when Databricks refused it outright.
 */
export async function carryOutRemovalOrThrow(deps: AccessDeps, claim: MembershipClaim): Promise<void> {
  const removal: PlannedRemoval = { claim, grants: [] };
  try {
    await removeFromGroup(deps, claim.groupId, [removal]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Refused outright: nothing changed. Otherwise the outcome may be unknown: keep the intent.
    const refused = error instanceof DatabricksApiError && !error.retryable;
    await (refused ? abandonStandingRemoval : releaseClaim)(deps.db, claim, message).catch(
      (releaseError: unknown) => deps.log.warn({ err: releaseError }, 'could not record a failed removal'),
    );
    throw error;
  }
  await withMembershipLock(deps.db, (trx) => confirmRemovals(trx, [claim]));
}

/**
 * Removes the members of one group. Claims resumed from an earlier attempt read the group first:
 * a user already gone needs no second write. A group that no longer exists has no members.
 */
async function removeFromGroup(
  deps: AccessDeps,
  groupId: string,
  planned: PlannedRemoval[],
): Promise<Map<PlannedRemoval, MembershipOutcome>> {
  const outcomes = new Map<PlannedRemoval, MembershipOutcome>();
  try {
    let members: Set<string> | undefined;
    if (planned.some((removal) => removal.claim.resumed)) {
      members = new Set((await deps.databricks.getGroup(groupId)).memberIds);
    }
    const toRemove = planned.filter((removal) => !members || members.has(removal.claim.userId));
    for (const removal of planned)
      outcomes.set(removal, toRemove.includes(removal) ? 'removed' : 'confirmed_absent');
    if (toRemove.length > 0) {
      await deps.databricks.removeGroupMembers(
        groupId,
        toRemove.map((removal) => removal.claim.userId),
      );
    }
  } catch (error) {
    if (!(error instanceof DatabricksApiError && error.status === 404)) throw error;
    for (const removal of planned) outcomes.set(removal, 'confirmed_absent');
  }
  return outcomes;
}

async function recordRemovalFailure(
  deps: AccessDeps,
  planned: PlannedRemoval[],
  error: unknown,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  deps.log.error(
    { groupId: planned[0]?.claim.groupId, users: planned.length, error: message },
    'removing group members failed; the next pass retries',
  );
  for (const removal of planned) {
    const attempts = await releaseClaim(deps.db, removal.claim, message).catch((releaseError: unknown) => {
      deps.log.warn({ err: releaseError }, 'could not record a failed removal');
      return 0;
    });
    if (attempts !== 1) continue;
    // The first failure of this removal: audited and announced once, then retried quietly.
    const now = deps.clock.now();
    await deps.db.transaction().execute(async (trx) => {
      for (const grant of removal.grants) {
        await recordAuditEvent(trx, {
          actor: 'system',
          action: 'access.removal_failed',
          subjectType: 'access_request',
          subjectId: grant.id,
          before: { state: 'active', endsAt: grant.ends_at },
          after: { state: 'active' },
          details: { error: message },
          at: now,
        });
      }
    });
    for (const grant of removal.grants) await deps.publishAlert(removalFailedAlert(grant, message));
  }
}
