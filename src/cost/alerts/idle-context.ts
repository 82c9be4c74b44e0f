import { sql } from 'kysely';
import type { CostDeps } from '../cost-deps.js';
import { moneyIn } from '../money.js';
import { costColumn, mainCurrency } from '../report/cost-sums.js';
import { scopedKey } from '../workspace-scoped-key.js';

/** Period keys of idle alerts start with this, then the start of the idle time. */
export const IDLE_PERIOD = 'idle:';

/**
 * The idle periods of a rule's active alerts, by scope: a resource still idle continues its alert
 * (the part of its idle time read at each evaluation is only the rule's window).
 */
export async function activeIdlePeriods(deps: CostDeps, ruleName: string): Promise<Map<string, Date>> {
  const rows = await deps.db
    .selectFrom('cost_alerts')
    .select(['scope_key', 'period_key'])
    .where('rule_name', '=', ruleName)
    .where('state', 'in', ['open', 'acknowledged', 'snoozed'])
    .where('period_key', 'like', `${IDLE_PERIOD}%`)
    .execute();
  return new Map(rows.map((row) => [row.scope_key, new Date(row.period_key.slice(IDLE_PERIOD.length))]));
}

/** Where an idle time starts: an active alert's start when the resource was idle already. */
export function idleStart(scopeKey: string, start: Date, active: ReadonlyMap<string, Date>): Date {
  const earlier = active.get(scopeKey);
  return earlier !== undefined && earlier < start ? earlier : start;
}

/** What a cluster's or warehouse's usage since `since` cost (rolled-up hours; the latest may still arrive). */
export async function idleCost(
  deps: CostDeps,
  dimension: 'cluster' | 'warehouse',
  workspaceId: string,
  id: string,
  since: Date,
): Promise<number> {
  const row = await deps.db
    .selectFrom('cost_hourly')
    .select(sql<string | null>`sum(${costColumn(deps.config.basis)})::text`.as('amount'))
    .where('dimension', '=', dimension)
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', id)
    .where('usage_hour', '>=', since)
    .executeTakeFirst();
  return Number(row?.amount ?? 0);
}

/** `idleCost` of many resources in one query, by `scopedKey(workspaceId, id)`. */
export async function idleCosts(
  deps: CostDeps,
  dimension: 'cluster' | 'warehouse',
  resources: readonly { workspaceId: string; id: string; since: Date }[],
): Promise<Map<string, number>> {
  if (resources.length === 0) return new Map();
  const { rows } = await sql<{ workspace_id: string; key: string; amount: string | null }>`
    select h.workspace_id, h.key, sum(${costColumn(deps.config.basis)})::text as amount
    from unnest(${resources.map((r) => r.workspaceId)}::text[], ${resources.map((r) => r.id)}::text[],
      ${resources.map((r) => r.since.toISOString())}::timestamptz[]) as idle(workspace_id, key, since)
    join cost_hourly h on h.dimension = ${dimension} and h.workspace_id = idle.workspace_id
      and h.key = idle.key and h.usage_hour >= idle.since
    group by 1, 2`.execute(deps.db);
  return new Map(rows.map((row) => [scopedKey(row.workspace_id, row.key), Number(row.amount ?? 0)]));
}

export async function moneyFormat(deps: CostDeps, amounts: number[]): Promise<(value: number) => string> {
  return moneyIn(amounts, await mainCurrency(deps.db));
}

export function hoursText(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

export function percentText(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)}%`;
}
