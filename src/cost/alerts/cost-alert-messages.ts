import type { CostAlertRow } from '../../db/tables/cost-alerts.js';
import { mention, type ChatMessage, type MessageAction } from '../../messages/chat-message.js';
import { parseChatUser } from '../../ports/chat-user.js';
import { utcTime } from '../report/period-text.js';
import type { AlertContent } from './alert-condition.js';

/** Action ids the front ends route on; the value is the alert id. */
export const COST_ALERT_ACTIONS = {
  acknowledge: 'cost.alert.acknowledge',
  snoozeDay: 'cost.alert.snooze_day',
  snoozeWeek: 'cost.alert.snooze_week',
} as const;

export const SNOOZE_SECONDS: Record<string, number> = {
  [COST_ALERT_ACTIONS.snoozeDay]: 86_400,
  [COST_ALERT_ACTIONS.snoozeWeek]: 7 * 86_400,
};

/** Where the posted copies of an alert are remembered, so state changes edit them all. */
export const costAlertSubject = (row: Pick<CostAlertRow, 'id'>) => ({ type: 'cost_alert', id: row.id });
export const COST_ALERT_PURPOSE = 'alert';

function person(actor: string | null): string {
  if (!actor) return 'someone';
  try {
    return mention(parseChatUser(actor));
  } catch {
    return actor;
  }
}

export function alertStatus(row: CostAlertRow): string {
  switch (row.state) {
    case 'open':
      return `Open since ${utcTime(row.first_seen_at)}`;
    case 'acknowledged':
      return `Acknowledged by ${person(row.acknowledged_by)} at ${utcTime(row.acknowledged_at!)}`;
    case 'snoozed':
      return `Snoozed by ${person(row.snoozed_by)} until ${utcTime(row.snoozed_until!)}`;
    case 'resolved':
      return `Resolved at ${utcTime(row.resolved_at!)}: the condition has cleared`;
    case 'ended':
      return 'Its period is over';
  }
}

function actionsFor(row: CostAlertRow): MessageAction[] {
  const snooze: MessageAction[] = [
    { id: COST_ALERT_ACTIONS.snoozeDay, label: 'Snooze 1 day', value: row.id },
    { id: COST_ALERT_ACTIONS.snoozeWeek, label: 'Snooze 1 week', value: row.id },
  ];
  const acknowledge: MessageAction = {
    id: COST_ALERT_ACTIONS.acknowledge,
    label: 'Acknowledge',
    value: row.id,
    style: 'primary',
  };
  if (row.state === 'open') return [acknowledge, ...snooze];
  if (row.state === 'acknowledged') return snooze;
  if (row.state === 'snoozed') return [acknowledge];
  return [];
}

/**
 * The alert as every posted copy shows it now, with the buttons its state allows; `remediations`
 * (e.g. Terminate cluster) while it is active.
 */
export function costAlertMessage(row: CostAlertRow, remediations: MessageAction[] = []): ChatMessage {
  const content = row.message as AlertContent;
  const closed = row.state === 'resolved' || row.state === 'ended';
  return {
    kind: 'cost.alert',
    title: content.title,
    severity: closed ? 'success' : (row.severity as ChatMessage['severity']),
    body: content.body,
    fields: [...content.fields, { label: 'Status', value: alertStatus(row) }],
    context: [
      `Rule \`${row.rule_name}\` · ${row.scope_label}${row.workspace && !row.scope_label.includes(row.workspace) ? ` · workspace ${row.workspace}` : ''}`,
      ...(row.provisional && !closed
        ? ['Figures include the last 24 hours, which are provisional and may still change.']
        : []),
      `Alert ${row.id}`,
    ],
    actions: closed ? [] : [...remediations, ...actionsFor(row)],
  };
}

/** Posted when an announced alert's condition clears: a title that says it is over. */
export function costAlertResolvedMessage(row: CostAlertRow): ChatMessage {
  const content = row.message as AlertContent;
  return {
    kind: 'cost.alert_resolved',
    title: resolvedTitle(row),
    severity: 'success',
    body: [`It was: ${content.title}.`, 'The condition has cleared on the latest figures.'],
    context: [`Rule \`${row.rule_name}\` · ${row.scope_label} · alert ${row.id}`],
  };
}

function resolvedTitle(row: CostAlertRow): string {
  const scope = row.scope_label.charAt(0).toUpperCase() + row.scope_label.slice(1);
  switch (row.rule_kind) {
    case 'budget':
      return `Resolved: ${scope} is back within its budget for ${row.period_key}`;
    case 'spend_anomaly':
      return `Resolved: spend in ${row.scope_label} on ${row.period_key} is back within the usual range`;
    case 'job_run_cost_spike':
      return `Resolved: run ${row.period_key} of ${row.scope_label} no longer costs far more than usual`;
    case 'idle_compute':
      if (row.scope_key.startsWith('warehouse:')) return `Resolved: ${row.scope_label} is no longer idle`;
      return row.level >= 2
        ? `Resolved: all-purpose ${row.scope_label} is no longer idle`
        : `Resolved: all-purpose ${row.scope_label} is no longer running without auto-termination`;
    default:
      return `Resolved: ${row.scope_label} is back within rule ${row.rule_name}`;
  }
}
