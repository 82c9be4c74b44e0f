import { sql, type Kysely } from 'kysely';

/**
 * node_timeline minutes are rolled up at collection into one row per node and UTC hour (see
 * src/collectors/node-hour-rollup.ts): 60 times fewer rows than one per node and minute, which
 * for 10,000 clusters was 432 M rows a month. Minutes already collected are rolled up here; the
 * per-minute table goes (nothing else read it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table collected_node_hours (
      region_id uuid not null references region_connectors (id) on delete cascade,
      account_id text, workspace_id text not null, cluster_id text not null,
      instance_id text not null,
      hour timestamptz not null,
      minutes_seen integer not null,
      minute_mask bigint not null,
      cpu_percent_sum numeric not null, cpu_percent_max numeric not null,
      memory_percent_sum numeric not null, memory_percent_max numeric not null,
      last_minute_start timestamptz not null, seen_until timestamptz not null,
      driver boolean, node_type text,
      collected_at timestamptz not null,
      primary key (region_id, workspace_id, cluster_id, instance_id, hour))`.execute(db);
  // Every cluster's window by time; one cluster's week when its idle time began before the window.
  await sql`create index collected_node_hours_hour_idx on collected_node_hours (hour)`.execute(db);
  await sql`create index collected_node_hours_cluster_idx
    on collected_node_hours (workspace_id, cluster_id, hour)`.execute(db);
  await sql`
    insert into collected_node_hours
    select region_id, max(account_id), workspace_id, cluster_id, instance_id, hour,
      count(*)::int, bit_or(1::bigint << extract(minute from minute)::int),
      sum(cpu), max(cpu), sum(memory), max(memory), max(start_time), max(seen_until),
      bool_or(driver), max(node_type), max(collected_at)
    from (
      select distinct on (region_id, workspace_id, cluster_id, instance_id, minute) *,
        date_trunc('hour', minute) at time zone 'UTC' as hour
      from (
        select region_id, account_id, workspace_id, cluster_id, instance_id, start_time, driver,
          node_type, collected_at, date_trunc('minute', start_time at time zone 'UTC') as minute,
          coalesce(cpu_user_percent, 0) + coalesce(cpu_system_percent, 0) as cpu,
          coalesce(mem_used_percent, 0) as memory,
          coalesce(end_time, start_time + interval '1 minute') as seen_until
        from collected_node_timeline
      ) m
      order by region_id, workspace_id, cluster_id, instance_id, minute, start_time desc
    ) minutes
    group by region_id, workspace_id, cluster_id, instance_id, hour`.execute(db);
  await db.schema.dropTable('collected_node_timeline').execute();
}

/** The per-minute table comes back empty: its minutes cannot be recovered from the hours. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table collected_node_timeline (
      region_id uuid not null references region_connectors (id) on delete cascade,
      account_id text, workspace_id text not null, cluster_id text not null,
      instance_id text not null, start_time timestamptz not null, end_time timestamptz,
      driver boolean, cpu_user_percent numeric, cpu_system_percent numeric,
      cpu_wait_percent numeric, mem_used_percent numeric, mem_swap_percent numeric,
      network_sent_bytes bigint, network_received_bytes bigint,
      disk_free_bytes_per_mount_point jsonb, node_type text,
      collected_at timestamptz not null,
      primary key (region_id, workspace_id, cluster_id, instance_id, start_time))`.execute(db);
  await sql`create index collected_node_timeline_time_idx on collected_node_timeline (start_time)`.execute(
    db,
  );
  await sql`create index collected_node_timeline_cluster_idx
    on collected_node_timeline (workspace_id, cluster_id, start_time)`.execute(db);
  await db.schema.dropTable('collected_node_hours').execute();
}
