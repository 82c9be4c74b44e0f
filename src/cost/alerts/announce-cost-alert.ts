import type { CostAlertRow } from '../../db/tables/cost-alerts.js';
import type { Severity } from '../../messages/chat-message.js';
import type { CostDeps } from '../cost-deps.js';
import {
  COST_ALERT_PURPOSE,
  costAlertMessage,
  costAlertResolvedMessage,
  costAlertSubject,
} from './cost-alert-messages.js';

const attributesOf = (row: CostAlertRow) => ({
  ...(row.workspace ? { workspace: row.workspace } : {}),
  severity: row.severity as Severity,
});

/** The announcement after the one at `previous` (null: the first) at `level` has this outbox key. */
const announcementKey = (row: CostAlertRow) =>
  `cost-alert:${row.id}:${row.level}:${row.last_notified_at?.getTime() ?? 'first'}`;

/**
 * Announces an alert to the `cost` channels. The outbox key derives from the alert, its level and
 * its previous announcement, so an announcement repeated by a crash or a concurrent evaluation is
 * sent once; the conditional update makes only one evaluation record it.
 */
export async function announceCostAlert(deps: CostDeps, row: CostAlertRow, now: Date): Promise<boolean> {
  const announced = { ...row, state: 'open' as const, notified_level: row.level };
  await deps.publishAlert({
    topic: 'cost',
    key: announcementKey(row),
    message: costAlertMessage(announced, await remediationsOf(deps, announced)),
    attributes: attributesOf(row),
    about: { subject: costAlertSubject(row), purpose: COST_ALERT_PURPOSE },
  });
  const updated = await deps.db
    .updateTable('cost_alerts')
    .set({
      state: 'open',
      notified_level: row.level,
      last_notified_at: now,
      snoozed_until: null,
      snoozed_by: null,
    })
    .where('id', '=', row.id)
    .where((eb) =>
      row.last_notified_at === null
        ? eb('last_notified_at', 'is', null)
        : eb('last_notified_at', '=', row.last_notified_at),
    )
    .returningAll()
    .executeTakeFirst();
  if (!updated) return false;
  // Earlier copies (before an escalation or reopening) show the alert's current state too.
  if (row.last_notified_at !== null) await refreshAlertCopies(deps, updated);
  deps.log.info(
    { alert: row.id, rule: row.rule_name, scope: row.scope_key, level: row.level },
    'cost alert announced',
  );
  return true;
}

/** Every posted copy of the alert shows its current state and buttons. */
export async function refreshAlertCopies(deps: CostDeps, row: CostAlertRow): Promise<void> {
  await deps.outbox.updateCopies(
    costAlertSubject(row),
    COST_ALERT_PURPOSE,
    costAlertMessage(row, await remediationsOf(deps, row)),
  );
}

/** The remediation buttons for an active alert; none when that cannot be worked out now. */
async function remediationsOf(deps: CostDeps, row: CostAlertRow) {
  if (!deps.remediationButtons || row.state === 'resolved' || row.state === 'ended') return [];
  try {
    return await deps.remediationButtons(row);
  } catch (error) {
    deps.log.warn({ err: error, alert: row.id }, 'could not work out remediation buttons');
    return [];
  }
}

export async function announceResolution(deps: CostDeps, row: CostAlertRow): Promise<void> {
  await deps.publishAlert({
    topic: 'cost',
    key: `cost-alert:${row.id}:resolved:${row.last_notified_at?.getTime() ?? 'never'}`,
    message: costAlertResolvedMessage(row),
    attributes: { ...attributesOf(row), severity: 'success' },
  });
}
