import { sql } from 'kysely';
import { recordAuditEvent } from '../../audit/record-audit-event.js';
import type { CostAlertRow } from '../../db/tables/cost-alerts.js';
import { Conflict } from '../../errors/domain-errors.js';
import { formatChatUser, type ChatUser } from '../../ports/chat-user.js';
import type { CostDeps } from '../cost-deps.js';
import { findCostAlert, unchangedText } from './acknowledge-cost-alert.js';
import { refreshAlertCopies } from './announce-cost-alert.js';

/**
 * Silences the alert's rule for its scope (this period and any other) until the snooze ends;
 * if it still fires then, it is announced again. A shorter or equal snooze over a running one
 * changes nothing.
 */
export async function snoozeCostAlert(
  deps: CostDeps,
  alertId: string,
  actor: ChatUser,
  seconds: number,
): Promise<CostAlertRow> {
  const before = await findCostAlert(deps, alertId);
  const now = deps.clock.now();
  const until = new Date(now.getTime() + seconds * 1000);
  const by = formatChatUser(actor);
  const row = await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('cost_alerts')
      .set({ state: 'snoozed', snoozed_by: by, snoozed_until: until })
      .where('id', '=', before.id)
      .where((eb) =>
        eb.or([
          eb('state', 'in', ['open', 'acknowledged']),
          eb.and([eb('state', '=', 'snoozed'), eb('snoozed_until', '<', until)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
    if (!updated) return undefined;
    await trx
      .insertInto('cost_alert_snoozes')
      .values({
        rule_name: updated.rule_name,
        scope_key: updated.scope_key,
        snoozed_until: until,
        snoozed_by: by,
        snoozed_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['rule_name', 'scope_key']).doUpdateSet({
          snoozed_until: sql`greatest(cost_alert_snoozes.snoozed_until, excluded.snoozed_until)`,
          snoozed_by: by,
          snoozed_at: now,
        }),
      )
      .execute();
    await recordAuditEvent(trx, {
      actor: by,
      action: 'cost_alert.snoozed',
      subjectType: 'cost_alert',
      subjectId: before.id,
      before: { state: before.state, snoozedUntil: before.snoozed_until },
      after: { state: 'snoozed', snoozedUntil: until },
      at: now,
    });
    return updated;
  });
  if (!row) throw new Conflict(unchangedText(await findCostAlert(deps, alertId)));
  await refreshAlertCopies(deps, row);
  return row;
}
