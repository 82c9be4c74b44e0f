import { sql, type RawBuilder } from 'kysely';
import { userText } from '../../messages/chat-message.js';
import type { IdleComputeRule } from '../config/cost-config.js';
import type { CostDeps } from '../cost-deps.js';
import { labelsFor } from '../report/dimension-labels.js';
import { utcTime } from '../report/period-text.js';
import { scopedKey } from '../workspace-scoped-key.js';
import type { AlertCondition } from './alert-condition.js';
import { clustersStoppedByActions } from './clusters-stopped-by-actions.js';
import { moneyIn } from '../money.js';
import { mainCurrency } from '../report/cost-sums.js';
import {
  activeIdlePeriods,
  hoursText,
  idleCosts,
  IDLE_PERIOD,
  idleStart,
  percentText,
} from './idle-context.js';
import { currentIdleStreak, type HourlyUtilisation, type IdleStreak } from './idle-streak.js';

const HOUR_MS = 3_600_000;
/** Node hours are read this far back at most to find where the newest minutes are. */
const HORIZON_LOOKBACK_MS = 8 * 24 * HOUR_MS;
/** Clusters whose hours are read in one query. */
const CLUSTERS_PER_QUERY = 2_000;
/** Clusters that end with their job or pipeline: idle time there is the job's business. */
const NOT_ALL_PURPOSE = ['JOB', 'PIPELINE', 'PIPELINE_MAINTENANCE'];

interface HourRow {
  workspace_id: string;
  cluster_id: string;
  hour: Date;
  cpu: number;
  mem: number;
  last_seen: Date;
}

/**
 * All-purpose clusters whose nodes all stayed below the rule's CPU and memory thresholds (each
 * hour's average, busiest node) for the rule's window, up to the newest node_timeline minute
 * collected: the time reference is the data, so minutes that have not arrived end nothing.
 * Node hours (minutes rolled up at collection) are read for the last two hours of every cluster,
 * then the window (plus two hours) of the clusters idle in the latest of those.
 */
export async function idleClusterConditions(
  deps: CostDeps,
  rule: IdleComputeRule,
  workspaceId: string | undefined,
): Promise<AlertCondition[]> {
  const now = deps.clock.now();
  const inScope = workspaceId === undefined ? sql`` : sql`and workspace_id = ${workspaceId}`;
  // The newest minute is in the newest hour: found through the hour index, not by reading a week.
  const horizon = await sql<{ until: Date | null }>`
    select max(last_minute_start) as until from collected_node_hours
    where hour = (
      select max(hour) from collected_node_hours
      where hour >= ${new Date(now.getTime() - HORIZON_LOOKBACK_MS)} and hour < ${now} ${inScope}
    ) ${inScope}`.execute(deps.db);
  const dataUntil = horizon.rows[0]?.until;
  if (!dataUntil) return [];
  const newestHour = Math.floor(dataUntil.getTime() / HOUR_MS) * HOUR_MS;
  const from = new Date(newestHour - rule.idleSeconds * 1000 - 2 * HOUR_MS);
  // Only a cluster whose latest hour (the newest or the one before) is idle can be idle now: the
  // last two hours of every cluster pick those whose window is read.
  const recent = byKey(await hourlyUtilisation(deps, inScope, new Date(newestHour - HOUR_MS), dataUntil));
  const candidates = [...recent.values()].filter(
    (cluster) => currentIdleStreak(cluster.hours, { ...rule, dataUntil }) !== undefined,
  );
  const byCluster = await hoursOf(deps, candidates, from, dataUntil);
  const active = await activeIdlePeriods(deps, rule.name);
  const streaks = new Map<string, IdleStreak | undefined>();
  const idleBeforeWindow = new Map<string, { workspaceId: string; clusterId: string }>();
  for (const [key, entry] of byCluster) {
    const streak = currentIdleStreak(entry.hours, { ...rule, dataUntil });
    streaks.set(key, streak);
    if (streak && streak.start.getTime() <= from.getTime() && !active.has(`cluster:${key}`)) {
      idleBeforeWindow.set(key, entry);
    }
  }
  // Idle for the whole window read: find where their idle time began (their week, by index).
  const weeks = await hoursOf(
    deps,
    [...idleBeforeWindow.values()],
    new Date(dataUntil.getTime() - HORIZON_LOOKBACK_MS),
    dataUntil,
  );
  let idle: { key: string; workspaceId: string; clusterId: string; streak: IdleStreak }[] = [];
  for (const [key, entry] of byCluster) {
    const streak = idleBeforeWindow.has(key)
      ? currentIdleStreak(weeks.get(key)?.hours ?? [], { ...rule, dataUntil })
      : streaks.get(key);
    if (streak) idle.push({ key, workspaceId: entry.workspaceId, clusterId: entry.clusterId, streak });
  }
  const stopped = await clustersStoppedByActions(
    deps,
    idle.map((c) => c.clusterId),
  );
  // A cluster an action terminated after its last reported minute is no longer running.
  idle = idle.filter((c) => !(c.streak.lastSeen <= (stopped.get(c.clusterId) ?? new Date(0))));
  if (idle.length === 0) return [];
  const clusters = await deps.db
    .selectFrom('collected_clusters')
    .select(['workspace_id', 'cluster_id', 'owned_by', 'auto_termination_minutes', 'cluster_source'])
    .distinctOn(['workspace_id', 'cluster_id'])
    .where(
      'cluster_id',
      'in',
      idle.map((c) => c.clusterId),
    )
    .orderBy('workspace_id')
    .orderBy('cluster_id')
    .orderBy('change_time', 'desc')
    .execute();
  const infoOf = new Map(clusters.map((c) => [scopedKey(c.workspace_id, c.cluster_id), c]));
  const names = await labelsFor(
    deps.db,
    'cluster',
    idle.map((c) => c.key),
  );
  const workspaces = await labelsFor(deps.db, 'workspace', [...new Set(idle.map((c) => c.workspaceId))]);
  const alerted = idle.flatMap((cluster) => {
    const info = infoOf.get(cluster.key);
    if (info?.cluster_source && NOT_ALL_PURPOSE.includes(info.cluster_source)) return [];
    const since = idleStart(`cluster:${cluster.key}`, cluster.streak.start, active);
    const idleMs = cluster.streak.lastSeen.getTime() - since.getTime();
    return idleMs < rule.idleSeconds * 1000 ? [] : [{ ...cluster, info, since, idleMs }];
  });
  const costs = await idleCosts(
    deps,
    'cluster',
    alerted.map((c) => ({ workspaceId: c.workspaceId, id: c.clusterId, since: c.since })),
  );
  const currency = await mainCurrency(deps.db);
  const conditions: AlertCondition[] = [];
  for (const cluster of alerted) {
    const { info, since, idleMs } = cluster;
    const scopeKey = `cluster:${cluster.key}`;
    const name = userText(names.get(cluster.key) ?? cluster.clusterId);
    const workspace = userText(workspaces.get(cluster.workspaceId) ?? cluster.workspaceId);
    const cost = costs.get(cluster.key) ?? 0;
    const money = moneyIn([cost], currency);
    const autoTermination =
      info === undefined
        ? 'unknown'
        : Number(info.auto_termination_minutes) > 0
          ? `${info.auto_termination_minutes} min`
          : 'off';
    const { streak } = cluster;
    conditions.push({
      scopeKey,
      scopeLabel: `cluster ${name}`,
      periodKey: `${IDLE_PERIOD}${since.toISOString()}`,
      level: 2,
      severity: autoTermination === 'off' ? 'critical' : 'warning',
      provisional: true,
      workspace,
      title: `All-purpose cluster ${name} has been idle for ${hoursText(idleMs)}`,
      body: [
        `The cluster in ${workspace} has been running since at least ${utcTime(since)} with every node below ${percentText(rule.maxCpuPercent)} CPU and ${percentText(rule.maxMemoryPercent)} memory; those hours cost ${money(cost)} so far.`,
        autoTermination === 'off'
          ? 'It has no auto-termination, so it keeps running until someone stops it.'
          : `Auto-termination (${autoTermination}) has not stopped it: something keeps it alive without using it.`,
      ],
      fields: [
        {
          label: 'Utilisation',
          value: `CPU ${percentText(streak.averageCpuPercent)} on average (peak hour ${percentText(streak.peakCpuPercent)}), memory ${percentText(streak.averageMemoryPercent)} (peak ${percentText(streak.peakMemoryPercent)}), busiest node`,
        },
        { label: 'Idle since', value: utcTime(since) },
        { label: 'Idle cost', value: `${money(cost)} (billing for the latest hours may still arrive)` },
        { label: 'Owner', value: userText(info?.owned_by ?? 'unknown') },
        { label: 'Auto-termination', value: autoTermination },
      ],
    });
  }
  return conditions;
}

interface ClusterHours {
  workspaceId: string;
  clusterId: string;
  hours: HourlyUtilisation[];
}

/** Hour rows by cluster (`scopedKey`), each cluster's hours in the order read. */
function byKey(rows: readonly HourRow[]): Map<string, ClusterHours> {
  const clusters = new Map<string, ClusterHours>();
  for (const row of rows) {
    const key = scopedKey(row.workspace_id, row.cluster_id);
    const entry = clusters.get(key) ?? {
      workspaceId: row.workspace_id,
      clusterId: row.cluster_id,
      hours: [],
    };
    entry.hours.push(toHour(row));
    clusters.set(key, entry);
  }
  return clusters;
}

/** The hours of some clusters from `from` (by the cluster index), a few thousand clusters per query. */
async function hoursOf(
  deps: CostDeps,
  clusters: readonly { workspaceId: string; clusterId: string }[],
  from: Date,
  until: Date,
): Promise<Map<string, ClusterHours>> {
  const rows: HourRow[] = [];
  for (let i = 0; i < clusters.length; i += CLUSTERS_PER_QUERY) {
    const some = clusters.slice(i, i + CLUSTERS_PER_QUERY);
    const filter = sql`and (workspace_id, cluster_id) in (
      select * from unnest(${some.map((c) => c.workspaceId)}::text[], ${some.map((c) => c.clusterId)}::text[]))`;
    // Not push(...rows): a week of a thousand clusters is more arguments than the stack holds.
    for (const row of await hourlyUtilisation(deps, filter, from, until)) rows.push(row);
  }
  return byKey(rows);
}

const toHour = (row: HourRow): HourlyUtilisation => ({
  hour: new Date(row.hour),
  cpuPercent: Number(row.cpu),
  memoryPercent: Number(row.mem),
  lastSeen: new Date(row.last_seen),
});

/**
 * Per cluster and hour: the busiest node's average CPU (user + system) and memory, from the node
 * hours the collector rolled up (sums over the minutes seen).
 */
async function hourlyUtilisation(
  deps: CostDeps,
  filter: RawBuilder<unknown>,
  from: Date,
  until: Date,
): Promise<HourRow[]> {
  const result = await sql<HourRow>`
    select workspace_id, cluster_id, hour,
      max(cpu_percent_sum / minutes_seen)::float8 as cpu,
      max(memory_percent_sum / minutes_seen)::float8 as mem,
      max(seen_until) as last_seen
    from collected_node_hours
    where region_id in (select id from region_connectors)
      and hour >= ${from} and hour <= ${until} ${filter}
    group by 1, 2, 3`.execute(deps.db);
  return result.rows;
}
