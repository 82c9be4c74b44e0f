import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { CostAlertRow, CostAlertState } from '../../db/tables/cost-alerts.js';
import type { CostAlertRule } from '../config/cost-config.js';
import type { CostDeps } from '../cost-deps.js';
import type { AlertCondition } from './alert-condition.js';
import { announceCostAlert, announceResolution, refreshAlertCopies } from './announce-cost-alert.js';

const ACTIVE: CostAlertState[] = ['open', 'acknowledged', 'snoozed'];

export function dedupeKey(rule: string, scopeKey: string, periodKey: string): string {
  return `${rule}|${scopeKey}|${periodKey}`;
}

/**
 * Records what a rule found. One alert per rule, scope and period: a firing condition opens or
 * updates it, and announces it when it is new, escalated, reopened or its snooze ran out (never
 * while snoozed, and not again within the rule's cooldown unless it got worse). A clear
 * condition resolves an active alert (announced with a resolution message); an active alert the
 * rule no longer evaluates (its period is over) ends quietly, except idle compute, whose cluster
 * stopping is the resolution.
 */
export async function recordAlertConditions(
  deps: CostDeps,
  rule: CostAlertRule,
  conditions: readonly AlertCondition[],
): Promise<{ announced: number; resolved: number }> {
  const now = deps.clock.now();
  const active = await deps.db
    .selectFrom('cost_alerts')
    .select('dedupe_key')
    .where('rule_name', '=', rule.name)
    .where('state', 'in', ACTIVE)
    .execute();
  const activeKeys = new Set(active.map((row) => row.dedupe_key));
  const seen = new Set<string>();
  let announced = 0;
  let resolved = 0;
  for (const condition of conditions) {
    const key = dedupeKey(rule.name, condition.scopeKey, condition.periodKey);
    if (seen.has(key)) continue;
    seen.add(key);
    if (condition.level > 0) {
      if (await fire(deps, rule, condition, key, now)) announced++;
    } else if (activeKeys.has(key) && (await close(deps, key, 'resolved', now))) resolved++;
  }
  for (const dedupe_key of activeKeys) {
    if (seen.has(dedupe_key)) continue;
    if (await close(deps, dedupe_key, rule.kind === 'idle_compute' ? 'resolved' : 'ended', now)) resolved++;
  }
  return { announced, resolved };
}

async function fire(
  deps: CostDeps,
  rule: CostAlertRule,
  condition: AlertCondition,
  key: string,
  now: Date,
): Promise<boolean> {
  const before = await deps.db
    .selectFrom('cost_alerts')
    .selectAll()
    .where('dedupe_key', '=', key)
    .executeTakeFirst();
  const message = JSON.stringify({ title: condition.title, body: condition.body, fields: condition.fields });
  const reopen = sql<boolean>`cost_alerts.state in ('resolved', 'ended')`;
  const row = await deps.db
    .insertInto('cost_alerts')
    .values({
      id: randomUUID(),
      dedupe_key: key,
      rule_name: rule.name,
      rule_kind: rule.kind,
      scope_key: condition.scopeKey,
      scope_label: condition.scopeLabel,
      period_key: condition.periodKey,
      state: 'open',
      level: condition.level,
      severity: condition.severity,
      provisional: condition.provisional,
      workspace: condition.workspace ?? null,
      message,
      first_seen_at: now,
      last_seen_at: now,
    })
    .onConflict((oc) =>
      oc.column('dedupe_key').doUpdateSet({
        level: condition.level,
        severity: condition.severity,
        provisional: condition.provisional,
        workspace: condition.workspace ?? null,
        scope_label: condition.scopeLabel,
        message,
        last_seen_at: now,
        state: sql`case when ${reopen} then 'open' else cost_alerts.state end`,
        notified_level: sql`case when ${reopen} then 0 else cost_alerts.notified_level end`,
        resolved_at: sql`case when ${reopen} then null else cost_alerts.resolved_at end`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  const due = await announceIfDue(deps, rule, row, now);
  if (due === 'announced' || due === 'snoozed' || due === 'lost') return due === 'announced';
  const changed =
    before !== undefined &&
    (before.severity !== row.severity ||
      before.provisional !== row.provisional ||
      (before.message as { title: string }).title !== condition.title ||
      before.state !== row.state);
  if (changed && row.last_notified_at !== null) await refreshAlertCopies(deps, row);
  return false;
}

/**
 * Announces an alert that is worse than its last announcement, or whose snooze ran out, unless a
 * snooze holds it or the cooldown does.
 */
async function announceIfDue(
  deps: CostDeps,
  rule: CostAlertRule,
  row: CostAlertRow,
  now: Date,
): Promise<'announced' | 'lost' | 'snoozed' | 'cooldown' | 'not due'> {
  const snooze = await deps.db
    .selectFrom('cost_alert_snoozes')
    .selectAll()
    .where('rule_name', '=', rule.name)
    .where('scope_key', '=', row.scope_key)
    .where('snoozed_until', '>', now)
    .executeTakeFirst();
  const snoozeOver = row.state === 'snoozed' && !snooze;
  const due = row.level > row.notified_level || snoozeOver;
  if (!due) return 'not due';
  if (snooze) {
    await holdWhileSnoozed(deps, row, snooze);
    return 'snoozed';
  }
  if (await inCooldown(deps, rule, row, now)) return 'cooldown';
  // 'lost': a concurrent evaluation announced it first.
  return (await announceCostAlert(deps, row, now)) ? 'announced' : 'lost';
}

/**
 * When nothing a rule reads has changed since its last full evaluation, its stored alerts are
 * still what it would find: only those that fell due since (a snooze or cooldown ran out) are
 * announced, without recomputing anything.
 */
export async function announceDueAlerts(deps: CostDeps, rule: CostAlertRule): Promise<number> {
  const now = deps.clock.now();
  const candidates = await deps.db
    .selectFrom('cost_alerts')
    .selectAll()
    .where('rule_name', '=', rule.name)
    .where('state', 'in', ACTIVE)
    .where('level', '>', 0)
    .where((eb) =>
      eb.or([
        eb('level', '>', eb.ref('notified_level')),
        eb.and([eb('state', '=', 'snoozed'), eb('snoozed_until', '<=', now)]),
      ]),
    )
    .execute();
  let announced = 0;
  for (const row of candidates) if ((await announceIfDue(deps, rule, row, now)) === 'announced') announced++;
  return announced;
}

/**
 * No second announcement for the rule and scope within the cooldown, unless this one is worse.
 * A budget compares only within its period: last month's "passed" never silences this month's
 * first warning or its own step to "passed".
 */
async function inCooldown(
  deps: CostDeps,
  rule: CostAlertRule,
  row: CostAlertRow,
  now: Date,
): Promise<boolean> {
  const since = new Date(now.getTime() - rule.cooldownSeconds * 1000);
  const recent = await deps.db
    .selectFrom('cost_alerts')
    .select(sql<number | null>`max(notified_level)`.as('level'))
    .where('rule_name', '=', row.rule_name)
    .where('scope_key', '=', row.scope_key)
    .where('last_notified_at', '>', since)
    .$if(rule.kind === 'budget', (query) => query.where('period_key', '=', row.period_key))
    .executeTakeFirst();
  return recent?.level !== null && recent?.level !== undefined && row.level <= recent.level;
}

async function holdWhileSnoozed(
  deps: CostDeps,
  row: CostAlertRow,
  snooze: { snoozed_until: Date; snoozed_by: string },
): Promise<void> {
  if (row.state === 'snoozed' && row.snoozed_until?.getTime() === snooze.snoozed_until.getTime()) return;
  const updated = await deps.db
    .updateTable('cost_alerts')
    .set({ state: 'snoozed', snoozed_until: snooze.snoozed_until, snoozed_by: snooze.snoozed_by })
    .where('id', '=', row.id)
    .where('state', 'in', ACTIVE)
    .returningAll()
    .executeTakeFirst();
  if (updated && updated.last_notified_at !== null) await refreshAlertCopies(deps, updated);
}

async function close(deps: CostDeps, key: string, state: 'resolved' | 'ended', now: Date): Promise<boolean> {
  const before = await deps.db
    .selectFrom('cost_alerts')
    .select('state')
    .where('dedupe_key', '=', key)
    .executeTakeFirst();
  const row = await deps.db
    .updateTable('cost_alerts')
    .set({ state, resolved_at: now })
    .where('dedupe_key', '=', key)
    .where('state', 'in', ACTIVE)
    .returningAll()
    .executeTakeFirst();
  if (!row) return false;
  if (row.last_notified_at !== null) {
    await refreshAlertCopies(deps, row);
    // While snoozed the copies say it cleared, but nobody is pinged.
    if (state === 'resolved' && before?.state !== 'snoozed') await announceResolution(deps, row);
  }
  return state === 'resolved';
}
