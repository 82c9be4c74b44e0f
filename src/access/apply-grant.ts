import { addSeconds, max, subSeconds } from 'date-fns';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { DatabricksApiError } from '../ports/databricks-account.js';
import { deservesExpiryWarning, EXPIRY_WARNING_SECONDS, type AccessDeps } from './access-deps.js';
import { announceStateChange } from './access-notifications.js';
import { findRequest, transitionRequest } from './access-request-queries.js';
import { endEpisodeIfUnused } from './membership-episodes.js';
import {
  claimChange,
  confirmAdded,
  recordBaseline,
  releaseClaim,
  type MembershipClaim,
} from './membership-intents.js';
import { withMembershipLock } from './membership-lock.js';

/** The grant cannot be applied and retrying will not help (group missing, request malformed). */
export class PermanentApplyError extends Error {}

/** Another attempt is changing this membership right now; try again shortly. */
export class MembershipChangeInFlight extends Error {}

/**
 * Makes an approved request real, in three steps that never hold a transaction across an HTTP
 * call: (1) read the group and record, once per episode, whether the user was a member before
 * the bot added them, plus the intent to add; commit. (2) Send the add (after reading the group
 * again when an earlier attempt recorded the same intent and may have sent it). (3) Record the
 * outcome and mark the grant active with its exact end. Idempotent: a request that is no longer
 * `approved` is left alone.
 */
export async function applyGrant(deps: AccessDeps, requestId: string): Promise<AccessRequestRow | undefined> {
  const request = await findRequest(deps.db, requestId);
  if (!request || request.state !== 'approved') return undefined;
  const group = await deps.databricks.findGroupByName(request.databricks_group);
  if (!group)
    throw new PermanentApplyError(`the Databricks group "${request.databricks_group}" does not exist`);
  const userId = request.databricks_user_id;
  const key = { groupId: group.id, userId };

  const plan = await withMembershipLock(deps.db, async (trx) => {
    const current = await findRequest(trx, requestId);
    if (current?.state !== 'approved') return undefined;
    const now = deps.clock.now();
    const membership = await recordBaseline(trx, {
      ...key,
      groupName: group.displayName,
      isMember: group.memberIds.includes(userId),
      at: now,
    });
    if (membership.standing || membership.state === 'added') return { standing: membership.standing };
    const claim = await claimChange(trx, membership, 'adding', now);
    if (!claim)
      throw new MembershipChangeInFlight(`a change of ${userId} in ${group.displayName} is in flight`);
    return { standing: false, claim };
  });
  if (!plan) return undefined;

  let scimAdd = false;
  if (plan.claim) scimAdd = await sendAdd(deps, plan.claim);

  const active = await withMembershipLock(deps.db, async (trx) => {
    if (plan.claim && !(await confirmAdded(trx, plan.claim))) {
      throw new MembershipChangeInFlight(`another attempt took over the add of ${userId}`);
    }
    const now = deps.clock.now();
    const extended = request.extends_request_id
      ? await findRequest(trx, request.extends_request_id)
      : undefined;
    const startFrom = extended?.ends_at ? max([now, extended.ends_at]) : now;
    const row = await transitionRequest(trx, request.id, ['approved'], {
      state: 'active',
      databricks_group_id: group.id,
      standing_membership: plan.standing,
      starts_at: now,
      ends_at: addSeconds(startFrom, request.duration_seconds),
      last_error: null,
    });
    if (row) {
      await recordAuditEvent(trx, {
        actor: 'system',
        action: 'access.granted',
        subjectType: 'access_request',
        subjectId: row.id,
        before: { state: 'approved' },
        after: { state: 'active', endsAt: row.ends_at, standingMembership: plan.standing },
        details: { databricksGroupId: group.id, scimAdd },
        at: now,
      });
    }
    return row;
  });
  if (!active) return undefined;
  deps.log.info({ requestId, endsAt: active.ends_at }, 'access granted');
  await deps.jobs.expireAt(active.id, active.ends_at!);
  if (deservesExpiryWarning(active)) {
    await deps.jobs.remindAt(active.id, subSeconds(active.ends_at!, EXPIRY_WARNING_SECONDS));
  }
  await announceStateChange(deps, active);
  return active;
}

/**
 * Sends the claimed add; true when a PATCH was sent. A resumed claim reads the group first: if
 * the user is there, the earlier attempt's add landed and nothing is sent again.
 */
async function sendAdd(deps: AccessDeps, claim: MembershipClaim): Promise<boolean> {
  try {
    if (claim.resumed) {
      const group = await deps.databricks.getGroup(claim.groupId);
      if (group.memberIds.includes(claim.userId)) return false;
    }
    await deps.databricks.addGroupMembers(claim.groupId, [claim.userId]);
    return true;
  } catch (error) {
    await releaseClaim(deps.db, claim, error instanceof Error ? error.message : String(error)).catch(
      (releaseError: unknown) => deps.log.warn({ err: releaseError }, 'could not release a membership claim'),
    );
    throw error;
  }
}

/** True when another attempt could succeed. */
export function isRetryableApplyError(error: unknown): boolean {
  if (error instanceof PermanentApplyError) return false;
  if (error instanceof DatabricksApiError) return error.retryable;
  return true;
}

/** Gives up on an approved request: `apply_failed`, audited, and both sides told. Never "active". */
export async function markApplyFailed(deps: AccessDeps, requestId: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const now = deps.clock.now();
  const failed = await withMembershipLock(deps.db, async (trx) => {
    const row = await transitionRequest(trx, requestId, ['approved'], {
      state: 'apply_failed',
      last_error: message.slice(0, 500),
    });
    if (row) {
      await recordAuditEvent(trx, {
        actor: 'system',
        action: 'access.apply_failed',
        subjectType: 'access_request',
        subjectId: requestId,
        before: { state: 'approved' },
        after: { state: 'apply_failed' },
        details: { error: message },
        at: now,
      });
      await endEpisodeIfUnused(trx, row, now);
    }
    return row;
  });
  if (!failed) return;
  deps.log.error({ requestId, error: message }, 'access could not be applied');
  await announceStateChange(deps, failed);
}
