import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { ActionDeps } from './action-deps.js';
import { announceAction } from './action-notifications.js';

/**
 * The actions' safety net, independent of Redis: pending actions past their approval deadline
 * expire (every card says so), and approved or executing actions with no live lease (their job
 * was lost, or its retries ran out while the call's outcome was unknown) are queued again, as are
 * finished ones whose outcome was never announced.
 */
export async function sweepActions(deps: ActionDeps): Promise<{ expired: number; requeued: number }> {
  const now = deps.clock.now();
  const expired = await deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('remediation_actions')
      .set({ state: 'expired', finished_at: now })
      .where('state', '=', 'pending')
      .where('approval_deadline', '<=', now)
      .returningAll()
      .execute();
    for (const row of rows) {
      await recordAuditEvent(trx, {
        actor: 'system',
        action: 'action.expired',
        subjectType: 'remediation_action',
        subjectId: row.id,
        before: { state: 'pending' },
        after: { state: 'expired' },
        at: now,
      });
    }
    return rows;
  });
  for (const row of expired) await announceAction(deps, row);
  const leaseOver = new Date(Date.now() - deps.execution.leaseMs);
  const stuck = await deps.db
    .selectFrom('remediation_actions')
    .select('id')
    .where('state', 'in', ['approved', 'executing'])
    .where((eb) => eb.or([eb('intent_at', 'is', null), eb('intent_at', '<', leaseOver)]))
    .execute();
  // Outcomes recorded but never announced (the worker died in between; its job is gone too):
  // by the domain clock, like finished_at, so a follow-up still under way is left alone.
  const unannounced = await deps.db
    .selectFrom('remediation_actions')
    .select('id')
    .where('state', 'in', ['succeeded', 'failed'])
    .where('followed_up_at', 'is', null)
    .where('finished_at', '<', new Date(now.getTime() - deps.execution.leaseMs))
    .execute();
  for (const row of [...stuck, ...unannounced]) await deps.jobs.execute(row.id);
  return { expired: expired.length, requeued: stuck.length + unannounced.length };
}
