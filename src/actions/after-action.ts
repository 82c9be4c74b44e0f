import { evaluateCostAlerts } from '../cost/alerts/evaluate-cost-alerts.js';
import type { RemediationActionRow } from '../db/tables/remediation-actions.js';
import type { ActionDeps } from './action-deps.js';

/** Kinds whose success can clear a cost alert (idle compute): the rules are evaluated again at once. */
const CLEARS_COST_ALERTS = new Set([
  'terminate-cluster',
  'stop-warehouse',
  'pause-job-schedule',
  'cancel-run',
]);

export async function afterActionSucceeded(deps: ActionDeps, row: RemediationActionRow): Promise<void> {
  if (!CLEARS_COST_ALERTS.has(row.kind)) return;
  try {
    await evaluateCostAlerts(deps.cost, { force: true });
  } catch (error) {
    // The scheduled evaluation runs within minutes anyway.
    deps.log.warn({ err: error, actionId: row.id }, 'could not re-evaluate cost alerts after an action');
  }
}
