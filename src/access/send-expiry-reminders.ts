import { addSeconds } from 'date-fns';
import { sql } from 'kysely';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { EXPIRY_WARNING_SECONDS, type AccessDeps } from './access-deps.js';
import { notifyRequester } from './access-notifications.js';
import { expiryWarningMessage } from './access-messages.js';

/**
 * Warns each grantee once, 10 minutes before the end, with an Extend button; only for grants
 * long enough for the warning to come well after "active" (see `deservesExpiryWarning`).
 */
export async function sendExpiryReminders(deps: AccessDeps): Promise<AccessRequestRow[]> {
  const now = deps.clock.now();
  const due = await deps.db
    .updateTable('access_requests')
    .set({ reminder_sent_at: now })
    .where('state', '=', 'active')
    .where('reminder_sent_at', 'is', null)
    .where('ends_at', '>', now)
    .where('ends_at', '<=', addSeconds(now, EXPIRY_WARNING_SECONDS))
    .where(sql<boolean>`ends_at - starts_at > make_interval(secs => ${2 * EXPIRY_WARNING_SECONDS})`)
    .returningAll()
    .execute();
  for (const grant of due) {
    await recordAuditEvent(deps.db, {
      actor: 'system',
      action: 'access.expiry_warning_sent',
      subjectType: 'access_request',
      subjectId: grant.id,
      at: now,
    });
    await notifyRequester(deps, grant, expiryWarningMessage(grant));
  }
  return due;
}
