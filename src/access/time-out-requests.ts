import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import type { AccessDeps } from './access-deps.js';
import { announceStateChange } from './access-notifications.js';

/** Pending requests past their approval deadline become `timed_out`; both sides are told. */
export async function timeOutRequests(deps: AccessDeps): Promise<AccessRequestRow[]> {
  const now = deps.clock.now();
  const timedOut = await deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('access_requests')
      .set({ state: 'timed_out', decided_at: now })
      .where('state', '=', 'pending')
      .where('approval_deadline', '<=', now)
      .returningAll()
      .execute();
    for (const row of rows) {
      await recordAuditEvent(trx, {
        actor: 'system',
        action: 'access.timed_out',
        subjectType: 'access_request',
        subjectId: row.id,
        before: { state: 'pending' },
        after: { state: 'timed_out' },
        at: now,
      });
    }
    return rows;
  });
  for (const row of timedOut) await announceStateChange(deps, row);
  return timedOut;
}
