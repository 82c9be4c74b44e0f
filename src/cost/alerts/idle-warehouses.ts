import { sql } from 'kysely';
import { userText } from '../../messages/chat-message.js';
import type { IdleComputeRule } from '../config/cost-config.js';
import type { CostDeps } from '../cost-deps.js';
import { labelsFor } from '../report/dimension-labels.js';
import { utcTime } from '../report/period-text.js';
import { scopedKey } from '../workspace-scoped-key.js';
import type { AlertCondition } from './alert-condition.js';
import {
  activeIdlePeriods,
  hoursText,
  idleCost,
  IDLE_PERIOD,
  idleStart,
  moneyFormat,
} from './idle-context.js';

const DAY_MS = 86_400_000;
const RUNNING = new Set(['STARTING', 'RUNNING', 'SCALED_UP', 'SCALED_DOWN']);

interface WarehouseState {
  workspaceId: string;
  warehouseId: string;
  runningSince: Date | undefined;
  clusters: number | null;
}

/**
 * SQL warehouses running (by their warehouse events) without a query for the rule's window. The
 * time reference is when query history was last collected, so a collector that stopped never
 * makes a warehouse look idle; never collected, no warehouse is judged.
 */
export async function idleWarehouseConditions(
  deps: CostDeps,
  rule: IdleComputeRule,
  workspaceId: string | undefined,
): Promise<AlertCondition[]> {
  const now = deps.clock.now();
  const collected = await deps.db
    .selectFrom('collector_checkpoints')
    .select(sql<Date | null>`max(last_collected_at)`.as('at'))
    .where('table_name', '=', 'system.query.history')
    .executeTakeFirst();
  if (!collected?.at) return [];
  const until = new Date(Math.min(now.getTime(), new Date(collected.at).getTime()));
  const lookback = new Date(until.getTime() - 8 * DAY_MS);
  const events = await deps.db
    .selectFrom('collected_warehouse_events')
    .select(['workspace_id', 'warehouse_id', 'event_type', 'event_time', 'cluster_count'])
    .where('event_time', '>=', lookback)
    .where('event_time', '<=', until)
    .$if(workspaceId !== undefined, (q) => q.where('workspace_id', '=', workspaceId!))
    .orderBy('workspace_id')
    .orderBy('warehouse_id')
    .orderBy('event_time')
    .execute();
  const states = new Map<string, WarehouseState>();
  for (const event of events) {
    const key = scopedKey(event.workspace_id, event.warehouse_id);
    const state = states.get(key) ?? {
      workspaceId: event.workspace_id,
      warehouseId: event.warehouse_id,
      runningSince: undefined,
      clusters: null,
    };
    if (RUNNING.has(event.event_type)) state.runningSince ??= new Date(event.event_time);
    else state.runningSince = undefined;
    state.clusters = event.cluster_count;
    states.set(key, state);
  }
  const running = [...states.entries()].filter(
    ([, s]) =>
      s.runningSince !== undefined && until.getTime() - s.runningSince.getTime() >= rule.idleSeconds * 1000,
  );
  if (running.length === 0) return [];
  const activity = await sql<{ workspace_id: string; warehouse_id: string; last_active: Date }>`
    select workspace_id, compute ->> 'warehouse_id' as warehouse_id,
      max(coalesce(end_time, ${until})) as last_active
    from collected_query_history
    where start_time >= ${lookback} and start_time <= ${until}
      and compute ->> 'warehouse_id' in (${sql.join(running.map(([, s]) => s.warehouseId))})
    group by 1, 2`.execute(deps.db);
  const lastActive = new Map(
    activity.rows.map((r) => [scopedKey(r.workspace_id, r.warehouse_id), new Date(r.last_active)]),
  );
  const active = await activeIdlePeriods(deps, rule.name);
  const idle = running.flatMap(([key, state]) => {
    const queried = lastActive.get(key);
    const start = queried && queried > state.runningSince! ? queried : state.runningSince!;
    const since = idleStart(`warehouse:${key}`, start, active);
    return until.getTime() - since.getTime() >= rule.idleSeconds * 1000
      ? [{ key, state, since, queried }]
      : [];
  });
  if (idle.length === 0) return [];
  const names = await labelsFor(
    deps.db,
    'warehouse',
    idle.map((w) => w.key),
  );
  const workspaces = await labelsFor(deps.db, 'workspace', [
    ...new Set(idle.map((w) => w.state.workspaceId)),
  ]);
  const conditions: AlertCondition[] = [];
  for (const { key, state, since, queried } of idle) {
    const settings = await warehouseSettings(deps, state.workspaceId, state.warehouseId);
    const cost = await idleCost(deps, 'warehouse', state.workspaceId, state.warehouseId, since);
    const money = await moneyFormat(deps, [cost]);
    const name = userText(names.get(key) ?? state.warehouseId);
    const workspace = userText(workspaces.get(state.workspaceId) ?? state.workspaceId);
    const autoStop =
      settings.autoStopMinutes === undefined
        ? 'unknown'
        : settings.autoStopMinutes > 0
          ? `${settings.autoStopMinutes} min`
          : 'off';
    const idleMs = until.getTime() - since.getTime();
    conditions.push({
      scopeKey: `warehouse:${key}`,
      scopeLabel: `SQL warehouse ${name}`,
      periodKey: `${IDLE_PERIOD}${since.toISOString()}`,
      level: 2,
      severity: autoStop === 'off' ? 'critical' : 'warning',
      provisional: true,
      workspace,
      title: `SQL warehouse ${name} has been running for ${hoursText(idleMs)} without a query`,
      body: [
        `The warehouse in ${workspace} has run no query since ${utcTime(since)}${queried ? '' : ' (none in the last week)'}; those hours cost ${money(cost)} so far.`,
      ],
      fields: [
        {
          label: 'Utilisation',
          value: `no queries, ${state.clusters ?? 'unknown'} cluster${state.clusters === 1 ? '' : 's'} running`,
        },
        { label: 'Idle since', value: utcTime(since) },
        { label: 'Idle cost', value: `${money(cost)} (billing for the latest hours may still arrive)` },
        { label: 'Owner', value: userText(settings.owner ?? 'unknown') },
        { label: 'Auto-stop', value: autoStop },
      ],
    });
  }
  return conditions;
}

/** Auto-stop from system.compute.warehouses (optional); the owner from its billing records. */
async function warehouseSettings(
  deps: CostDeps,
  workspaceId: string,
  warehouseId: string,
): Promise<{ autoStopMinutes: number | undefined; owner: string | undefined }> {
  const settings = await deps.db
    .selectFrom('collected_optional_rows')
    .select(sql<string | null>`row ->> 'auto_stop_minutes'`.as('auto_stop'))
    .where('source_table', '=', 'system.compute.warehouses')
    .where(sql<boolean>`row ->> 'workspace_id' = ${workspaceId} and row ->> 'warehouse_id' = ${warehouseId}`)
    .orderBy('version_time', 'desc')
    .executeTakeFirst();
  const owner = await sql<{ owner: string | null }>`
    select identity_metadata ->> 'owned_by' as owner from collected_billing_usage
    where workspace_id = ${workspaceId} and usage_metadata ->> 'warehouse_id' = ${warehouseId}
      and identity_metadata ->> 'owned_by' is not null
      and usage_date >= ${new Date(deps.clock.now().getTime() - 8 * DAY_MS)}::date
    order by usage_date desc limit 1`.execute(deps.db);
  const autoStop = settings?.auto_stop;
  return {
    autoStopMinutes: autoStop === null || autoStop === undefined ? undefined : Number(autoStop),
    owner: owner.rows[0]?.owner ?? undefined,
  };
}
