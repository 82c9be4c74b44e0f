import { subMinutes, subSeconds } from 'date-fns';
import type { AccessDeps } from './access-deps.js';
import { announceUnannouncedRequests } from './announce-filed-request.js';
import { announceEndings } from './announce-endings.js';
import { expireDueGrants } from './expire-grants.js';
import { removeOrphanMemberships } from './remove-orphan-memberships.js';
import { sendExpiryReminders } from './send-expiry-reminders.js';
import { timeOutRequests } from './time-out-requests.js';

const ANNOUNCE_ENDINGS_AFTER_SECONDS = 30;

/**
 * The safety net behind the delayed jobs, run by every worker's in-process sweeper (one at a
 * time across workers) and by the BullMQ schedule: announces requests filed during an outage,
 * ends overdue grants (retrying removals that failed) and announces ends a lost job left, times
 * out stale requests, sends missed reminders, re-queues approved requests whose apply job was
 * lost (e.g. Redis flushed) and removes memberships that no grant keeps any more.
 * Everything it calls is idempotent.
 */
export async function sweepAccess(deps: AccessDeps) {
  const announced = await announceUnannouncedRequests(deps);
  const ended = await expireDueGrants(deps);
  // Ends whose announcement job was lost (Redis flushed, queueing failed).
  const endsAnnounced = await announceEndings(deps, {
    endedBefore: subSeconds(deps.clock.now(), ANNOUNCE_ENDINGS_AFTER_SECONDS),
  });
  const timedOut = await timeOutRequests(deps);
  const reminded = await sendExpiryReminders(deps);
  const stuck = await deps.db
    .selectFrom('access_requests')
    .select('id')
    .where('state', '=', 'approved')
    .where('decided_at', '<=', subMinutes(deps.clock.now(), 1))
    .execute();
  for (const { id } of stuck) await deps.jobs.applyGrant(id);
  const orphans = await removeOrphanMemberships(deps);
  return {
    announced,
    ended: ended.length,
    endsAnnounced,
    timedOut: timedOut.length,
    reminded: reminded.length,
    requeued: stuck.length,
    orphansRemoved: orphans.length,
  };
}
