import { sql } from 'kysely';
import type { PriceBasis } from '../config/cost-config.js';
import { provisionalSince, type CostDeps } from '../cost-deps.js';
import { costColumn } from './cost-sums.js';
import type { JobRunsQuery } from './cost-query.js';
import { workspaceName } from './dimension-labels.js';
import { findJob } from './find-job.js';

export interface JobRunCost {
  runId: string;
  startedAt: Date;
  endedAt: Date;
  resultState: string | null;
  amount: number;
  currency: string;
  provisional: boolean;
}

export interface JobRunCosts {
  job: { workspaceId: string; workspaceName: string; jobId: string; name: string | null };
  basis: PriceBasis;
  runs: JobRunCost[];
}

const RUNS_SHOWN = 10;

/** `cost job <id or name> [workspace:…]`: the job's last runs, newest first, with what each cost. */
export async function jobRunCosts(deps: CostDeps, query: Omit<JobRunsQuery, 'kind'>): Promise<JobRunCosts> {
  const job = await findJob(deps.db, query.job, query.workspace);
  const runs = await deps.db
    .selectFrom('cost_job_run_days')
    .select([
      'run_id',
      'currency',
      sql<Date>`min(first_usage_at)`.as('started_at'),
      sql<Date>`max(last_usage_at)`.as('ended_at'),
      sql<string>`sum(${costColumn(deps.config.basis)})::text`.as('amount'),
    ])
    .where('workspace_id', '=', job.workspace_id)
    .where('job_id', '=', job.job_id)
    .groupBy(['run_id', 'currency'])
    .orderBy(sql`max(last_usage_at)`, 'desc')
    .limit(RUNS_SHOWN)
    .execute();
  const states = await deps.db
    .selectFrom('collected_job_run_timeline')
    .select(['run_id', sql<string | null>`max(result_state)`.as('result_state')])
    .where('workspace_id', '=', job.workspace_id)
    .where('job_id', '=', job.job_id)
    .where('run_id', 'in', runs.length > 0 ? runs.map((run) => run.run_id) : [''])
    .groupBy('run_id')
    .execute();
  const stateOf = new Map(states.map((row) => [row.run_id, row.result_state]));
  const since = provisionalSince(deps.clock.now());
  return {
    job: {
      workspaceId: job.workspace_id,
      workspaceName: await workspaceName(deps.db, job.workspace_id),
      jobId: job.job_id,
      name: job.name,
    },
    basis: deps.config.basis,
    runs: runs.map((run) => ({
      runId: run.run_id,
      startedAt: new Date(run.started_at),
      endedAt: new Date(run.ended_at),
      resultState: stateOf.get(run.run_id) ?? null,
      amount: Number(run.amount),
      currency: run.currency || 'USD',
      provisional: new Date(run.ended_at) > since,
    })),
  };
}
