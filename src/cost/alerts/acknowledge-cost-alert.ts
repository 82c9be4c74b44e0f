import { recordAuditEvent } from '../../audit/record-audit-event.js';
import type { CostAlertRow } from '../../db/tables/cost-alerts.js';
import { Conflict, NotFound } from '../../errors/domain-errors.js';
import { isRecordId } from '../../ids/record-id.js';
import { formatChatUser, type ChatUser } from '../../ports/chat-user.js';
import type { CostDeps } from '../cost-deps.js';
import { refreshAlertCopies } from './announce-cost-alert.js';
import { alertStatus } from './cost-alert-messages.js';

export async function findCostAlert(deps: CostDeps, alertId: string): Promise<CostAlertRow> {
  const row = isRecordId(alertId)
    ? await deps.db.selectFrom('cost_alerts').selectAll().where('id', '=', alertId).executeTakeFirst()
    : undefined;
  if (!row) throw new NotFound('I cannot find that cost alert.');
  return row;
}

/** Why a click changed nothing: the alert's state, who put it there and when. */
export function unchangedText(row: CostAlertRow): string {
  return `Nothing to do: this alert is already ${alertStatus(row).charAt(0).toLowerCase()}${alertStatus(row).slice(1)}.`;
}

/**
 * Someone has seen the alert and is on it: it stops asking for attention (it is announced again
 * only if it gets worse). Every posted copy shows who acknowledged it.
 */
export async function acknowledgeCostAlert(
  deps: CostDeps,
  alertId: string,
  actor: ChatUser,
): Promise<CostAlertRow> {
  const before = await findCostAlert(deps, alertId);
  const now = deps.clock.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('cost_alerts')
      .set({ state: 'acknowledged', acknowledged_by: formatChatUser(actor), acknowledged_at: now })
      .where('id', '=', before.id)
      .where('state', 'in', ['open', 'snoozed'])
      .returningAll()
      .executeTakeFirst();
    if (updated) {
      await recordAuditEvent(trx, {
        actor: formatChatUser(actor),
        action: 'cost_alert.acknowledged',
        subjectType: 'cost_alert',
        subjectId: before.id,
        before: { state: before.state },
        after: { state: 'acknowledged' },
        at: now,
      });
    }
    return updated;
  });
  if (!row) throw new Conflict(unchangedText(await findCostAlert(deps, alertId)));
  await refreshAlertCopies(deps, row);
  return row;
}
