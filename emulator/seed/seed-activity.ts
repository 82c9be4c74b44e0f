/**
 * What happened in a seeded account, hour by hour: when all-purpose clusters and SQL warehouses
 * ran (weekdays, office hours) and every job run (daily, at the job's hour). Billing usage,
 * job_run_timeline, warehouse events and query history are all derived from this.
 */
import type { SeededJob, SeededWorkspace } from './account-shape.js';
import { addDays, addHours } from './bulk-insert.js';
import type { SeededRandom } from './seeded-random.js';

export interface JobRun {
  workspace: SeededWorkspace;
  job: SeededJob;
  runId: string;
  clusterId: string;
  start: Date;
  end: Date;
  resultState: 'SUCCEEDED' | 'FAILED' | 'ERROR';
}

export interface Uptime {
  workspace: SeededWorkspace;
  kind: 'cluster' | 'warehouse' | 'serving';
  resourceId: string;
  start: Date;
  end: Date;
}

export interface AccountActivity {
  jobRuns: JobRun[];
  uptimes: Uptime[];
}

export function accountActivity(
  random: SeededRandom,
  workspaces: readonly SeededWorkspace[],
  start: Date,
  days: number,
): AccountActivity {
  const jobRuns: JobRun[] = [];
  const uptimes: Uptime[] = [];
  for (let day = 0; day < days; day++) {
    const date = addDays(start, day);
    const weekday = date.getUTCDay() !== 0 && date.getUTCDay() !== 6;
    for (const workspace of workspaces) {
      for (const job of workspace.jobs) {
        const runStart = new Date(addHours(date, job.startHour).getTime() + random.int(0, 50) * 60_000);
        const minutes = random.int(20, 150);
        const roll = random.next();
        jobRuns.push({
          workspace,
          job,
          runId: random.digits(15),
          clusterId: `${random.digits(4)}-${random.digits(6)}-${random.hex(8)}`,
          start: runStart,
          end: new Date(runStart.getTime() + minutes * 60_000),
          resultState: roll < 0.92 ? 'SUCCEEDED' : roll < 0.98 ? 'FAILED' : 'ERROR',
        });
      }
      if (!weekday) continue;
      for (const cluster of workspace.clusters) {
        const from = random.int(7, 10);
        uptimes.push({
          workspace,
          kind: 'cluster',
          resourceId: cluster.clusterId,
          start: addHours(date, from),
          end: addHours(date, from + random.int(4, 9)),
        });
      }
      for (const warehouse of workspace.warehouses) {
        uptimes.push({
          workspace,
          kind: 'warehouse',
          resourceId: warehouse.warehouseId,
          start: addHours(date, 8),
          end: addHours(date, 18),
        });
      }
    }
    for (const workspace of workspaces) {
      if (workspace.servingEndpoint) {
        uptimes.push({
          workspace,
          kind: 'serving',
          resourceId: workspace.servingEndpoint.id,
          start: date,
          end: addDays(date, 1),
        });
      }
    }
  }
  return { jobRuns, uptimes };
}

/** [start, end) cut at hour boundaries, as billing records and run-timeline periods are. */
export function hourlySlices(start: Date, end: Date): { start: Date; end: Date }[] {
  const slices: { start: Date; end: Date }[] = [];
  let from = start;
  while (from < end) {
    const nextHour = new Date(Math.floor(from.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
    const to = nextHour < end ? nextHour : end;
    slices.push({ start: from, end: to });
    from = to;
  }
  return slices;
}
