/**
 * The non-billing system tables of a seeded account: workspaces_latest, clusters (with change
 * history and one job cluster per run), jobs (renamed once), job_run_timeline (hourly periods),
 * warehouses, warehouse_events and query history.
 */
import type { SeededWorkspace } from './account-shape.js';
import { addDays, addHours, isoDate, type SystemTableRow } from './bulk-insert.js';
import { hourlySlices, type AccountActivity } from './seed-activity.js';
import type { SeededRandom } from './seeded-random.js';

export interface ResourceContext {
  random: SeededRandom;
  accountId: string;
  windowStart: Date;
  days: number;
}

export function workspaceRows(
  context: ResourceContext,
  workspaces: readonly SeededWorkspace[],
): SystemTableRow[] {
  return workspaces.map((w) => ({
    account_id: context.accountId,
    workspace_id: w.workspaceId,
    workspace_name: w.name,
    workspace_url: w.url,
    create_time: w.createTime.toISOString(),
    status: 'RUNNING',
  }));
}

export function clusterRows(
  context: ResourceContext,
  workspaces: readonly SeededWorkspace[],
  activity: AccountActivity,
): SystemTableRow[] {
  const base = (workspaceId: string): SystemTableRow => ({
    account_id: context.accountId,
    workspace_id: workspaceId,
  });
  const rows: SystemTableRow[] = [];
  for (const w of workspaces) {
    for (const cluster of w.clusters) {
      const created = addDays(context.windowStart, -context.random.int(30, 120));
      const resized = addDays(context.windowStart, Math.floor(context.days / 2));
      for (const [changeTime, workers] of [
        [created, cluster.workers],
        [resized, cluster.workers + 2],
      ] as const) {
        rows.push({
          ...base(w.workspaceId),
          cluster_id: cluster.clusterId,
          cluster_name: cluster.name,
          owned_by: cluster.owner,
          create_time: created.toISOString(),
          delete_time: null,
          driver_node_type: cluster.nodeType,
          worker_node_type: cluster.nodeType,
          worker_count: workers,
          min_autoscale_workers: null,
          max_autoscale_workers: null,
          auto_termination_minutes: 60,
          enable_elastic_disk: true,
          tags: { team: cluster.team },
          cluster_source: 'UI',
          init_scripts: [],
          aws_attributes: { first_on_demand: 1, availability: 'SPOT_WITH_FALLBACK', zone_id: 'auto' },
          azure_attributes: null,
          gcp_attributes: null,
          driver_instance_pool_id: null,
          worker_instance_pool_id: null,
          dbr_version: cluster.photon ? '15.4.x-photon-scala2.12' : '15.4.x-scala2.12',
          change_time: changeTime.toISOString(),
          change_date: isoDate(changeTime),
          data_security_mode: 'USER_ISOLATION',
          policy_id: null,
        });
      }
    }
  }
  for (const run of activity.jobRuns) {
    rows.push({
      ...base(run.workspace.workspaceId),
      cluster_id: run.clusterId,
      cluster_name: `job-${run.job.jobId}-run-${run.runId}`,
      owned_by: run.job.owner,
      create_time: run.start.toISOString(),
      delete_time: run.end.toISOString(),
      driver_node_type: 'm5d.xlarge',
      worker_node_type: 'm5d.xlarge',
      worker_count: 2,
      min_autoscale_workers: null,
      max_autoscale_workers: null,
      auto_termination_minutes: null,
      enable_elastic_disk: true,
      tags: { team: run.job.team, job: run.job.name },
      cluster_source: 'JOB',
      init_scripts: [],
      aws_attributes: null,
      azure_attributes: null,
      gcp_attributes: null,
      driver_instance_pool_id: null,
      worker_instance_pool_id: null,
      dbr_version: '15.4.x-scala2.12',
      change_time: run.start.toISOString(),
      change_date: isoDate(run.start),
      data_security_mode: 'SINGLE_USER',
      policy_id: null,
    });
  }
  return rows;
}

export function jobRows(context: ResourceContext, workspaces: readonly SeededWorkspace[]): SystemTableRow[] {
  return workspaces.flatMap((w) =>
    w.jobs.flatMap((job) => {
      const created = addDays(context.windowStart, -context.random.int(10, 200));
      const renamed = addDays(context.windowStart, context.random.int(1, context.days - 1));
      const row = (name: string, at: Date): SystemTableRow => ({
        account_id: context.accountId,
        workspace_id: w.workspaceId,
        job_id: job.jobId,
        name,
        description: `Runs ${job.name} daily.`,
        creator_id: job.owner,
        tags: { team: job.team },
        change_time: at.toISOString(),
        delete_time: null,
        run_as: job.owner,
      });
      return [row(`${job.name}_v1`, created), row(job.name, renamed)];
    }),
  );
}

export function jobRunTimelineRows(context: ResourceContext, activity: AccountActivity): SystemTableRow[] {
  return activity.jobRuns.flatMap((run) => {
    const slices = hourlySlices(run.start, run.end);
    return slices.map((slice, index) => {
      const last = index === slices.length - 1;
      return {
        account_id: context.accountId,
        workspace_id: run.workspace.workspaceId,
        job_id: run.job.jobId,
        run_id: run.runId,
        period_start_time: slice.start.toISOString(),
        period_end_time: slice.end.toISOString(),
        trigger_type: 'CRON',
        run_type: 'JOB_RUN',
        run_name: run.job.name,
        compute_ids: [run.clusterId],
        result_state: last ? run.resultState : null,
        termination_code: last
          ? { SUCCEEDED: 'SUCCESS', FAILED: 'RUN_EXECUTION_ERROR', ERROR: 'INTERNAL_ERROR' }[run.resultState]
          : null,
        job_parameters: { run_date: isoDate(run.start) },
      };
    });
  });
}

export function warehouseRows(
  context: ResourceContext,
  workspaces: readonly SeededWorkspace[],
): SystemTableRow[] {
  return workspaces.flatMap((w) =>
    w.warehouses.map((warehouse) => ({
      warehouse_id: warehouse.warehouseId,
      workspace_id: w.workspaceId,
      account_id: context.accountId,
      warehouse_name: warehouse.name,
      warehouse_type: 'SERVERLESS',
      warehouse_channel: 'CURRENT',
      warehouse_size: warehouse.size,
      min_clusters: 1,
      max_clusters: 2,
      auto_stop_minutes: 10,
      tags: {},
      change_time: addDays(context.windowStart, -30).toISOString(),
      delete_time: null,
    })),
  );
}

export function warehouseEventRows(context: ResourceContext, activity: AccountActivity): SystemTableRow[] {
  return activity.uptimes
    .filter((u) => u.kind === 'warehouse')
    .flatMap((u) =>
      (
        [
          ['STARTING', u.start, 0],
          ['RUNNING', new Date(u.start.getTime() + 60_000), 1],
          ['STOPPING', u.end, 1],
          ['STOPPED', new Date(u.end.getTime() + 300_000), 0],
        ] as const
      ).map(([eventType, at, clusters]) => ({
        account_id: context.accountId,
        workspace_id: u.workspace.workspaceId,
        warehouse_id: u.resourceId,
        event_type: eventType,
        cluster_count: clusters,
        event_time: at.toISOString(),
      })),
    );
}

const STATEMENTS = [
  'SELECT * FROM main.sales.orders WHERE order_date >= current_date() - 7',
  'SELECT region, sum(amount) FROM main.sales.orders GROUP BY region',
  'SELECT count(*) FROM main.web.events',
  'SELECT * FROM main.finance.invoices LIMIT 100',
];

export function queryHistoryRows(
  context: ResourceContext,
  workspaces: readonly SeededWorkspace[],
  activity: AccountActivity,
): SystemTableRow[] {
  const { random } = context;
  return activity.uptimes
    .filter((u) => u.kind === 'warehouse')
    .flatMap((u) =>
      Array.from({ length: random.int(4, 10) }, () => {
        const start = addHours(u.start, random.between(0, 9));
        const durationMs = random.int(200, 90_000);
        const user = random.pick(u.workspace.users);
        const failed = random.chance(0.05);
        return {
          account_id: context.accountId,
          workspace_id: u.workspace.workspaceId,
          statement_id: random.uuid(),
          session_id: random.uuid(),
          execution_status: failed ? 'FAILED' : 'FINISHED',
          compute: { type: 'WAREHOUSE', cluster_id: null, warehouse_id: u.resourceId },
          executed_by_user_id: random.digits(16),
          executed_by: user,
          statement_text: random.pick(STATEMENTS),
          statement_type: 'SELECT',
          error_message: failed ? '[DIVIDE_BY_ZERO] Division by zero.' : null,
          client_application: random.pick(['Databricks SQL Editor', 'Tableau', 'Power BI']),
          client_driver: null,
          total_duration_ms: durationMs,
          waiting_for_compute_duration_ms: 0,
          waiting_at_capacity_duration_ms: 0,
          execution_duration_ms: Math.floor(durationMs * 0.8),
          compilation_duration_ms: Math.floor(durationMs * 0.1),
          total_task_duration_ms: durationMs * 4,
          result_fetch_duration_ms: 20,
          start_time: start.toISOString(),
          end_time: new Date(start.getTime() + durationMs).toISOString(),
          update_time: new Date(start.getTime() + durationMs).toISOString(),
          read_partitions: 1,
          pruned_files: 0,
          read_files: random.int(1, 40),
          read_rows: random.int(10, 5_000_000),
          produced_rows: random.int(1, 10_000),
          read_bytes: random.int(1_000, 900_000_000),
          read_io_cache_percent: random.int(0, 100),
          from_result_cache: random.chance(0.1),
          spilled_local_bytes: 0,
          written_bytes: 0,
          shuffle_read_bytes: 0,
          query_source: null,
          executed_as: user,
          executed_as_user_id: random.digits(16),
        };
      }),
    );
}
