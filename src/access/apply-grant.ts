import { addSeconds, max, subSeconds } from 'date-fns';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { DatabricksApiError } from '../ports/databricks-account.js';
import { EXPIRY_WARNING_SECONDS, type AccessDeps } from './access-deps.js';
import { announceStateChange } from './access-notifications.js';
import { findRequest, otherActiveGrants, transitionRequest } from './access-request-queries.js';
import { withMembershipLock } from './membership-lock.js';

/** The grant cannot be applied and retrying will not help (group missing, request malformed). */
export class PermanentApplyError extends Error {}

/**
 * Makes an approved request real: adds the membership in Databricks (unless the user is already
 * a member, by standing membership or another of our grants) and marks the grant active with its
 * exact end. Idempotent: a request that is no longer `approved` is left alone.
 */
export async function applyGrant(deps: AccessDeps, requestId: string): Promise<AccessRequestRow | undefined> {
  const active = await withMembershipLock(deps.db, async (trx) => {
    const request = await findRequest(trx, requestId);
    if (!request || request.state !== 'approved') return undefined;
    const group = await deps.databricks.findGroupByName(request.databricks_group);
    if (!group)
      throw new PermanentApplyError(`the Databricks group "${request.databricks_group}" does not exist`);
    const covering = await otherActiveGrants(trx, request.databricks_user_id, request.databricks_group, [
      request.id,
    ]);
    const isMember = group.memberIds.includes(request.databricks_user_id);
    // Membership we did not grant is standing membership, and no grant of ours ever removes it.
    const standing =
      covering.some((grant) => grant.standing_membership) || (isMember && covering.length === 0);
    if (!isMember) await deps.databricks.addGroupMembers(group.id, [request.databricks_user_id]);
    const now = deps.clock.now();
    const extended = request.extends_request_id
      ? await findRequest(trx, request.extends_request_id)
      : undefined;
    const startFrom = extended?.ends_at ? max([now, extended.ends_at]) : now;
    const row = await transitionRequest(trx, request.id, ['approved'], {
      state: 'active',
      databricks_group_id: group.id,
      standing_membership: standing,
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
        after: { state: 'active', endsAt: row.ends_at, standingMembership: standing },
        details: { databricksGroupId: group.id, scimAdd: !isMember, coveredBy: covering.map((g) => g.id) },
        at: now,
      });
    }
    return row;
  });
  if (!active) return undefined;
  deps.log.info({ requestId, endsAt: active.ends_at }, 'access granted');
  await deps.jobs.expireAt(active.id, active.ends_at!);
  await deps.jobs.remindAt(active.id, subSeconds(active.ends_at!, EXPIRY_WARNING_SECONDS));
  await announceStateChange(deps, active);
  return active;
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
  const failed = await deps.db.transaction().execute(async (trx) => {
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
    }
    return row;
  });
  if (!failed) return;
  deps.log.error({ requestId, error: message }, 'access could not be applied');
  await announceStateChange(deps, failed);
}
