/**
 * system.compute.node_timeline is one row per node and minute: 432 M rows a month for 10,000
 * single-node clusters. Nothing here needs the minutes themselves, so they are rolled up at
 * collection into one row per node and UTC hour (collected_node_hours): the minutes seen, the sum
 * and the peak of CPU (user + system) and of memory used, the newest minute and when the node was
 * last seen. Averages are sums over minutes seen, so an hour whose minutes arrive across several
 * runs ends up exactly as if they had come at once.
 *
 * Each row also keeps which minutes of its hour it has counted (a 60-bit mask): a minute read
 * again (the cursor's overlap, a run re-done after a crash, a checkpoint reset) is never counted
 * twice; the first value read for a minute is the one kept (node_timeline minutes are final).
 * Writers of one region are serialized by a transaction-level advisory lock, so two batches
 * carrying the same minute (a retried ingest request) cannot both count it.
 */
import type { RollupStatements } from './system-table-spec.js';

export const NODE_HOURS_TABLE = 'collected_node_hours';

const LOCK = `select pg_advisory_xact_lock(hashtext('${NODE_HOURS_TABLE}'), hashtext($1::text))`;

function merge(staging: string): string {
  return `
with staged as (
  select account_id, workspace_id, cluster_id, instance_id, driver, node_type, start_time,
    date_trunc('minute', start_time at time zone 'UTC') as utc_minute,
    coalesce(cpu_user_percent, 0) + coalesce(cpu_system_percent, 0) as cpu,
    coalesce(mem_used_percent, 0) as memory,
    coalesce(end_time, start_time + interval '1 minute') as seen_until
  from ${staging}
),
minutes as (
  select distinct on (workspace_id, cluster_id, instance_id, utc_minute) *,
    date_trunc('hour', utc_minute) at time zone 'UTC' as hour,
    1::bigint << extract(minute from utc_minute)::int as bit
  from staged
  order by workspace_id, cluster_id, instance_id, utc_minute, start_time desc
),
fresh as (
  select m.* from minutes m
  where not exists (
    select 1 from ${NODE_HOURS_TABLE} t
    where t.region_id = $1::uuid and t.workspace_id = m.workspace_id and t.cluster_id = m.cluster_id
      and t.instance_id = m.instance_id and t.hour = m.hour and t.minute_mask & m.bit <> 0)
),
hours as (
  select workspace_id, cluster_id, instance_id, hour, max(account_id) as account_id,
    count(*)::int as minutes_seen, bit_or(bit) as minute_mask,
    sum(cpu) as cpu_percent_sum, max(cpu) as cpu_percent_max,
    sum(memory) as memory_percent_sum, max(memory) as memory_percent_max,
    max(start_time) as last_minute_start, max(seen_until) as seen_until,
    bool_or(driver) as driver, max(node_type) as node_type
  from fresh
  group by workspace_id, cluster_id, instance_id, hour
)
insert into ${NODE_HOURS_TABLE} as t (region_id, account_id, workspace_id, cluster_id, instance_id, hour,
  minutes_seen, minute_mask, cpu_percent_sum, cpu_percent_max, memory_percent_sum, memory_percent_max,
  last_minute_start, seen_until, driver, node_type, collected_at)
select $1::uuid, account_id, workspace_id, cluster_id, instance_id, hour,
  minutes_seen, minute_mask, cpu_percent_sum, cpu_percent_max, memory_percent_sum, memory_percent_max,
  last_minute_start, seen_until, driver, node_type, $2::timestamptz
from hours
on conflict (region_id, workspace_id, cluster_id, instance_id, hour) do update set
  minutes_seen = t.minutes_seen + excluded.minutes_seen,
  minute_mask = t.minute_mask | excluded.minute_mask,
  cpu_percent_sum = t.cpu_percent_sum + excluded.cpu_percent_sum,
  cpu_percent_max = greatest(t.cpu_percent_max, excluded.cpu_percent_max),
  memory_percent_sum = t.memory_percent_sum + excluded.memory_percent_sum,
  memory_percent_max = greatest(t.memory_percent_max, excluded.memory_percent_max),
  last_minute_start = greatest(t.last_minute_start, excluded.last_minute_start),
  seen_until = greatest(t.seen_until, excluded.seen_until),
  account_id = coalesce(excluded.account_id, t.account_id),
  driver = coalesce(excluded.driver, t.driver),
  node_type = coalesce(excluded.node_type, t.node_type),
  collected_at = excluded.collected_at`;
}

export const NODE_HOUR_ROLLUP: RollupStatements = { lock: LOCK, merge };
