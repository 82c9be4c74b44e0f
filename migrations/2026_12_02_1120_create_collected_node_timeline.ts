import { sql, type Kysely } from 'kysely';

/**
 * system.compute.node_timeline, typed (one row per node and minute): idle compute alerts judge
 * clusters by their nodes' CPU and memory over hours, read by time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
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
  // The window of every cluster; one cluster's week when its idle time began before the window.
  await sql`create index collected_node_timeline_time_idx on collected_node_timeline (start_time)`.execute(
    db,
  );
  await sql`create index collected_node_timeline_cluster_idx
    on collected_node_timeline (workspace_id, cluster_id, start_time)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('collected_node_timeline').execute();
}
