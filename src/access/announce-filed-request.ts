import { subSeconds } from 'date-fns';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import type { AccessDeps } from './access-deps.js';
import { announceStateChange, notifyApprovers, publishAccessEvent } from './access-notifications.js';

/** How long a filing has to tell everyone itself before the sweeper does it. */
export const ANNOUNCE_GRACE_SECONDS = 15;

/**
 * Tells everyone about a request once it is stored: a pending one gets its timeout job, its
 * approval cards and its channel post; an auto-approved one its apply job and announcement.
 * Every step has its own idempotency key, so a second run (the sweeper after an outage cut the
 * first short) sends nothing twice. A request that moved on meanwhile is announced by the steps
 * that moved it.
 */
export async function announceFiledRequest(deps: AccessDeps, request: AccessRequestRow): Promise<void> {
  if (request.announced_at) return;
  if (request.state === 'pending') {
    await deps.jobs.timeOutAt(request.id, request.approval_deadline);
    // The requester's confirmation is the front end's answer to their request: no DM on top.
    await notifyApprovers(deps, request);
    await publishAccessEvent(deps, request);
  } else if (request.state === 'approved' && request.auto_approved) {
    // If the job cannot be queued now, the sweeper re-queues approved requests a minute later.
    await deps.jobs.applyGrant(request.id);
    await announceStateChange(deps, request);
  }
  await deps.db
    .updateTable('access_requests')
    .set({ announced_at: deps.clock.now() })
    .where('id', '=', request.id)
    .where('announced_at', 'is', null)
    .execute();
}

/** The sweeper's part: requests filed during an outage that nobody was told about yet. */
export async function announceUnannouncedRequests(deps: AccessDeps): Promise<number> {
  const rows = await deps.db
    .selectFrom('access_requests')
    .selectAll()
    .where('announced_at', 'is', null)
    .where('created_at', '<=', subSeconds(deps.clock.now(), ANNOUNCE_GRACE_SECONDS))
    .orderBy('created_at')
    .limit(100)
    .execute();
  let announced = 0;
  for (const row of rows) {
    try {
      await announceFiledRequest(deps, row);
      announced += 1;
    } catch (error) {
      deps.log.warn({ err: error, requestId: row.id }, 'could not announce a filed request yet');
    }
  }
  return announced;
}
