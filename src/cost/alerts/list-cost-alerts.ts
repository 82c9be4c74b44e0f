import type { CostAlertRow } from '../../db/tables/cost-alerts.js';
import type { ChatMessage } from '../../messages/chat-message.js';
import type { CostAlertRule } from '../config/cost-config.js';
import type { CostDeps } from '../cost-deps.js';
import { moneyIn } from '../money.js';
import { mainCurrency } from '../report/cost-sums.js';
import { alertStatus } from './cost-alert-messages.js';

/** The rules of the cost config and the alerts still open, for `alerts`. */
export async function costAlertsOverview(deps: CostDeps): Promise<ChatMessage> {
  const open = await deps.db
    .selectFrom('cost_alerts')
    .selectAll()
    .where('state', 'in', ['open', 'acknowledged', 'snoozed'])
    .where('last_notified_at', 'is not', null)
    .orderBy('last_notified_at', 'desc')
    .limit(15)
    .execute();
  return alertRulesMessage(deps.config.alerts, open, await mainCurrency(deps.db));
}

export function describeRule(rule: CostAlertRule, currency: string): string {
  const amounts =
    rule.kind === 'budget'
      ? [rule.amount]
      : rule.kind === 'spend_anomaly'
        ? [rule.minIncreaseAmount]
        : rule.kind === 'job_run_cost_spike'
          ? [rule.minCost]
          : [];
  const money = moneyIn(amounts, currency);
  const what = (() => {
    switch (rule.kind) {
      case 'budget':
        return `budget of ${money(rule.amount)} per ${rule.period}, alerts at ${rule.thresholdsPercent.join('/')}%${rule.forecast && rule.period === 'month' ? ' and when the month-end forecast passes it' : ''}`;
      case 'spend_anomaly':
        return `spend anomaly: a day ${rule.minIncreasePercent}% and ${money(rule.minIncreaseAmount)} above the median of the same weekday over ${rule.weeks} weeks (${rule.minDeviations} robust deviations)`;
      case 'job_run_cost_spike':
        return `job run cost spike: a run over ${rule.factor}× the median of the job's last ${rule.runs} runs (at least ${money(rule.minCost)})`;
      case 'idle_compute':
        return `idle compute: all-purpose clusters with every node under ${rule.maxCpuPercent}% CPU and ${rule.maxMemoryPercent}% memory for ${Math.round(rule.idleSeconds / 3600)}h${rule.warehouses ? ', SQL warehouses without a query that long' : ''}${rule.requireAutoTermination ? ', clusters without auto-termination' : ''}`;
    }
  })();
  return `\`${rule.name}\` on \`${rule.scopeText}\` — ${what}`;
}

export function alertRulesMessage(
  rules: readonly CostAlertRule[],
  open: CostAlertRow[],
  currency: string,
): ChatMessage {
  if (rules.length === 0) {
    return {
      kind: 'cost.alert_rules',
      title: 'No cost alert rules are set',
      body: ['Add rules under `alerts:` in the cost config file (see cost.example.yml).'],
    };
  }
  const openLines = open.map((row) => `${(row.message as { title: string }).title} — ${alertStatus(row)}`);
  return {
    kind: 'cost.alert_rules',
    title: `Cost alert rules (${rules.length})`,
    body: [
      ...rules.map((rule) => describeRule(rule, currency)),
      open.length === 0 ? 'No cost alert is open.' : `Open alerts (${open.length}):`,
      ...openLines,
    ],
    context: [
      'Alerts go to channels subscribed to `cost` (`subscribe cost [workspace:<name>] [severity:<level>]`).',
    ],
  };
}
