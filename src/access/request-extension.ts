import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { NotFound } from '../errors/domain-errors.js';
import type { ChatUser } from '../ports/chat-user.js';
import type { AccessDeps } from './access-deps.js';
import { findRequest } from './access-request-queries.js';
import { policyOf } from './policy-snapshot.js';
import { requestAccess } from './request-access.js';
import { requestReference } from './request-reference.js';

/**
 * The expiry warning's Extend: a new request under the same policy for the same length (capped
 * at the maximum), linked to the grant, starting when the grant ends once approved.
 */
export async function requestExtension(
  deps: AccessDeps,
  grantId: string,
  requester: ChatUser,
): Promise<AccessRequestRow> {
  const grant = await findRequest(deps.db, grantId);
  if (!grant) throw new NotFound('I cannot find that grant.');
  return requestAccess(deps, {
    requester,
    group: grant.group_key,
    durationSeconds: Math.min(grant.duration_seconds, policyOf(grant).maxDurationSeconds),
    reason: `Extension of ${requestReference(grant)}: ${grant.reason}`.slice(0, 1000),
    extendsRequestId: grant.id,
  });
}
