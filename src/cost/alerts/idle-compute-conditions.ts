import { sql } from 'kysely';
import type { IdleComputeRule } from '../config/cost-config.js';
import type { CostDeps } from '../cost-deps.js';
import { resolveWorkspace } from '../report/resolve-workspace.js';
import { labelsFor } from '../report/dimension-labels.js';
import { utcTime } from '../report/period-text.js';
import { addDays, dayOf } from '../usage-day.js';
import type { AlertCondition } from './alert-condition.js';
import { idleClusterConditions } from './idle-clusters.js';
import { idleWarehouseConditions } from './idle-warehouses.js';
import { userText } from '../../messages/chat-message.js';
import { currentRunningStreak } from './running-streak.js';
import { clustersStoppedByActions } from './clusters-stopped-by-actions.js';
import { scopedKey } from '../workspace-scoped-key.js';

/** How far back running hours are read: longer streaks are reported as at least this long. */
const LOOKBACK_DAYS = 4;

interface ClusterHours {
  workspace_id: string;
  cluster_id: string;
  hours: Date[];
}

/**
 * Idle compute: all-purpose clusters whose nodes stayed below the rule's CPU and memory
 * thresholds for its window (node_timeline), SQL warehouses running without a query that long
 * (warehouse events, query history), and, when the rule asks, all-purpose clusters running
 * without auto-termination (billing usage).
 */
export async function idleComputeConditions(
  deps: CostDeps,
  rule: IdleComputeRule,
): Promise<AlertCondition[]> {
  const workspaceId =
    rule.scope.kind === 'workspace' && rule.scope.value !== '*'
      ? (await resolveWorkspace(deps.db, rule.scope.value)).id
      : undefined;
  const idleClusters = await idleClusterConditions(deps, rule, workspaceId);
  const idle = new Set(idleClusters.map((c) => c.scopeKey));
  const announcedRunning = await activeAlertKeys(deps, rule.name);
  // An idle cluster's alert already says it has no auto-termination: no second alert for it,
  // unless one was raised before it turned idle.
  const noAutoTermination = rule.requireAutoTermination
    ? (await noAutoTerminationConditions(deps, workspaceId)).filter(
        (c) => !idle.has(c.scopeKey) || announcedRunning.has(`${c.scopeKey}|${c.periodKey}`),
      )
    : [];
  return [
    ...idleClusters,
    ...(rule.warehouses ? await idleWarehouseConditions(deps, rule, workspaceId) : []),
    ...noAutoTermination,
  ];
}

async function activeAlertKeys(deps: CostDeps, ruleName: string): Promise<Set<string>> {
  const rows = await deps.db
    .selectFrom('cost_alerts')
    .select(['scope_key', 'period_key'])
    .where('rule_name', '=', ruleName)
    .where('state', 'in', ['open', 'acknowledged', 'snoozed'])
    .execute();
  return new Set(rows.map((row) => `${row.scope_key}|${row.period_key}`));
}

/**
 * All-purpose clusters running (usage up to the newest collected hour) without auto-termination.
 * Time is measured against the newest collected usage, not the clock, so data that has not
 * arrived never ends a run.
 */
async function noAutoTerminationConditions(
  deps: CostDeps,
  workspaceId: string | undefined,
): Promise<AlertCondition[]> {
  const now = deps.clock.now();
  const today = dayOf(now);
  const from = addDays(today, -LOOKBACK_DAYS);
  const recent = sql`region_id in (select id from region_connectors)
    and usage_date between ${from}::date and ${today}::date and usage_start_time < ${now}`;
  const until = await sql<{ until: Date | null }>`
    select max(usage_end_time) as until from collected_billing_usage where ${recent}`.execute(deps.db);
  const dataUntil = until.rows[0]?.until;
  if (!dataUntil) return [];
  const rows = await sql<ClusterHours>`
    select workspace_id, cluster_id, array_agg(hour order by hour) as hours from (
      select coalesce(workspace_id, '') as workspace_id, usage_metadata ->> 'cluster_id' as cluster_id,
        date_trunc('hour', usage_start_time at time zone 'UTC') at time zone 'UTC' as hour
      from collected_billing_usage
      where ${recent} and billing_origin_product = 'ALL_PURPOSE' and usage_metadata ->> 'cluster_id' is not null
        ${workspaceId === undefined ? sql`` : sql`and workspace_id = ${workspaceId}`}
      group by 1, 2, 3
      having sum(usage_quantity) > 0
    ) h group by 1, 2`.execute(deps.db);
  const clusters = await deps.db
    .selectFrom('collected_clusters')
    .select(['workspace_id', 'cluster_id', 'cluster_name', 'owned_by', 'auto_termination_minutes'])
    .distinctOn(['workspace_id', 'cluster_id'])
    .where('cluster_id', 'in', rows.rows.length > 0 ? rows.rows.map((r) => r.cluster_id) : [''])
    .orderBy('workspace_id')
    .orderBy('cluster_id')
    .orderBy('change_time', 'desc')
    .execute();
  const infoOf = new Map(clusters.map((c) => [`${c.workspace_id}/${c.cluster_id}`, c]));
  const workspaces = await labelsFor(deps.db, 'workspace', [
    ...new Set(rows.rows.map((r) => r.workspace_id)),
  ]);
  const names = await labelsFor(
    deps.db,
    'cluster',
    rows.rows.map((r) => scopedKey(r.workspace_id, r.cluster_id)),
  );
  const stopped = await clustersStoppedByActions(
    deps,
    rows.rows.map((r) => r.cluster_id),
  );
  const conditions: AlertCondition[] = [];
  for (const row of rows.rows) {
    const streak = currentRunningStreak(
      row.hours.map((h) => new Date(h)),
      new Date(dataUntil),
    );
    if (!streak) continue;
    // Terminated by an action after its latest usage: no longer running.
    if (streak.end <= (stopped.get(row.cluster_id) ?? new Date(0))) continue;
    const info = infoOf.get(`${row.workspace_id}/${row.cluster_id}`);
    const name = userText(names.get(scopedKey(row.workspace_id, row.cluster_id)) ?? row.cluster_id);
    const noAutoTermination = info !== undefined && !(Number(info.auto_termination_minutes) > 0);
    const workspace = userText(workspaces.get(row.workspace_id) ?? row.workspace_id);
    conditions.push({
      scopeKey: `cluster:${row.workspace_id}/${row.cluster_id}`,
      scopeLabel: `cluster ${name}`,
      periodKey: streak.start.toISOString(),
      level: noAutoTermination ? 1 : 0,
      severity: 'warning',
      provisional: false,
      workspace,
      title: `All-purpose cluster ${name} is running without auto-termination`,
      body: [
        `The cluster in ${workspace} has been running for ${streak.hours} hours and has no auto-termination, so it keeps running when idle.`,
      ],
      fields: [
        { label: 'Running since', value: utcTime(streak.start) },
        { label: 'Latest usage', value: utcTime(streak.end) },
        { label: 'Owner', value: userText(info?.owned_by ?? 'unknown') },
        { label: 'Auto-termination', value: info === undefined ? 'unknown' : 'off' },
      ],
    });
  }
  return conditions;
}
