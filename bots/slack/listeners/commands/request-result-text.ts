import { formatDuration } from '../../../../src/access/duration.js';
import { requestReference } from '../../../../src/access/request-reference.js';
import type { AccessRequestRow } from '../../../../src/db/tables/access-requests.js';

/** The short confirmation the requester sees right after asking. */
export function requestResultText(request: AccessRequestRow): string {
  const what = `${request.group_key} for ${formatDuration(request.duration_seconds)}`;
  const ref = requestReference(request);
  return request.state === 'pending'
    ? `:hourglass_flowing_sand: ${ref}: your request for ${what} was sent to the approvers. I will DM you when it is decided.`
    : `:white_check_mark: ${ref}: your request for ${what} was approved automatically; I am applying it now and will DM you when it is active.`;
}
