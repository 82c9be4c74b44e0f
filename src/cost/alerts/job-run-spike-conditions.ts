import { sql } from 'kysely';
import { formatDuration } from '../../access/duration.js';
import type { JobRunCostSpikeRule } from '../config/cost-config.js';
import { basisLabel } from '../contract-discount.js';
import { provisionalSince, type CostDeps } from '../cost-deps.js';
import { moneyIn } from '../money.js';
import { costColumn, mainCurrency } from '../report/cost-sums.js';
import { labelsFor } from '../report/dimension-labels.js';
import { resolveWorkspace } from '../report/resolve-workspace.js';
import { utcTime } from '../report/period-text.js';
import { addDays, dayOf } from '../usage-day.js';
import type { AlertCondition } from './alert-condition.js';
import { checkJobRunSpike } from './job-run-spike.js';
import { splitScopedKey } from '../workspace-scoped-key.js';

/** Runs with usage in the last two days are checked; earlier runs only serve as their baseline. */
const RECENT_DAYS = 2;
/** How far back earlier runs are looked for (a weekly job still has 8 runs). */
const LOOKBACK_DAYS = 60;

interface RunTotal {
  workspace_id: string;
  job_id: string;
  run_id: string;
  started: Date;
  ended: Date;
  amount: string;
  /** The costs of the job's runs before this one, at most `runs` of them. */
  earlier: string[] | null;
}

/** Job run cost spike conditions: every recent run of the jobs in scope against the job's earlier runs. */
export async function jobRunSpikeConditions(
  deps: CostDeps,
  rule: JobRunCostSpikeRule,
): Promise<AlertCondition[]> {
  const now = deps.clock.now();
  const today = dayOf(now);
  const recentFrom = addDays(today, -RECENT_DAYS);
  const scope = rule.scope;
  const workspaceId =
    scope.kind === 'workspace' && scope.value !== '*'
      ? (await resolveWorkspace(deps.db, scope.value)).id
      : scope.kind === 'job' && scope.workspace !== undefined
        ? (await resolveWorkspace(deps.db, scope.workspace)).id
        : undefined;
  const jobId = scope.kind === 'job' && scope.value !== '*' ? scope.value : undefined;
  // Each run's earlier runs come from a window frame, so only the recent runs leave Postgres.
  const rows = await sql<RunTotal>`
    with recent as (
      select distinct workspace_id, job_id from cost_job_run_days
      where usage_date between ${recentFrom}::date and ${today}::date
        ${workspaceId === undefined ? sql`` : sql`and workspace_id = ${workspaceId}`}
        ${jobId === undefined ? sql`` : sql`and job_id = ${jobId}`}
    ),
    runs as (
      select d.workspace_id, d.job_id, d.run_id, min(d.first_usage_at) as started,
        max(d.last_usage_at) as ended, sum(${costColumn(deps.config.basis)}) as amount
      from cost_job_run_days d join recent r on r.workspace_id = d.workspace_id and r.job_id = d.job_id
      where d.usage_date between ${addDays(today, -LOOKBACK_DAYS)}::date and ${today}::date
        and d.first_usage_at < ${now}
      group by 1, 2, 3
    ),
    framed as (
      select *, array_agg(amount::text) over (
        partition by workspace_id, job_id order by started, run_id
        rows between ${sql.lit(rule.runs)} preceding and 1 preceding) as earlier
      from runs
    )
    select workspace_id, job_id, run_id, started, ended, amount::text as amount, earlier from framed
    where ended >= ${new Date(`${recentFrom}T00:00:00Z`)}`.execute(deps.db);
  const currency = await mainCurrency(deps.db);
  const provisionalFrom = provisionalSince(now);
  const conditions: AlertCondition[] = rows.rows.map((run) => {
    const check = checkJobRunSpike(rule, Number(run.amount), (run.earlier ?? []).map(Number));
    const provisional = new Date(run.ended) > provisionalFrom;
    return {
      scopeKey: `job:${run.workspace_id}/${run.job_id}`,
      scopeLabel: `job ${run.job_id}`,
      periodKey: run.run_id,
      level: check.spike ? 1 : 0,
      severity: check.ratio >= rule.factor * 2 ? 'critical' : 'warning',
      provisional,
      workspace: run.workspace_id,
      title: '',
      body: [],
      fields: [],
      ...(check.spike ? spikeWords(run, check, rule, currency, provisional, now) : {}),
    };
  });
  await nameJobsAndWorkspaces(deps, conditions);
  return conditions;
}

function spikeWords(
  run: RunTotal,
  check: ReturnType<typeof checkJobRunSpike>,
  rule: JobRunCostSpikeRule,
  currency: string,
  provisional: boolean,
  now: Date,
): Pick<AlertCondition, 'title' | 'body' | 'fields'> {
  const money = moneyIn([Number(run.amount), check.median], currency);
  // "So far" only while the run's last day is not over; provisional while its figures arrive.
  const soFar = dayOf(new Date(run.ended)) === dayOf(now) ? ' so far' : '';
  const took = formatDuration((new Date(run.ended).getTime() - new Date(run.started).getTime()) / 1000);
  return {
    title: `A run of job ${run.job_id} cost ${check.ratio.toFixed(1)}× its usual`,
    body: [
      `Run \`${run.run_id}\` cost ${money(Number(run.amount))}${soFar}${provisional ? ' (provisional)' : ''}, ${check.ratio.toFixed(1)}× the median of the job's last ${check.baselineRuns} runs (${money(check.median)}); the rule alerts above ${rule.factor}×.`,
    ],
    fields: [
      { label: 'Run cost', value: `${money(Number(run.amount))}${provisional ? ' (provisional)' : ''}` },
      { label: `Median of ${check.baselineRuns} earlier runs`, value: money(check.median) },
      { label: 'Run', value: `${utcTime(new Date(run.started))}, ${took}` },
      { label: 'Prices', value: basisLabel('list') },
    ],
  };
}

/**
 * Job and workspace ids become names where the collectors know them; a job whose id or name is
 * also another workspace's says which workspace it is in.
 */
async function nameJobsAndWorkspaces(deps: CostDeps, conditions: AlertCondition[]): Promise<void> {
  const firing = conditions.filter((c) => c.level > 0);
  const jobKey = (c: AlertCondition) => c.scopeKey.slice('job:'.length);
  const jobs = await labelsFor(deps.db, 'job', [...new Set(firing.map(jobKey))]);
  const workspaces = await labelsFor(deps.db, 'workspace', [...new Set(firing.map((c) => c.workspace!))]);
  for (const condition of conditions) {
    const { id } = splitScopedKey(jobKey(condition));
    const job = jobs.get(jobKey(condition)) ?? id;
    condition.scopeLabel = `job ${job}`;
    condition.title = condition.title.replace(`job ${id}`, `job ${job}`);
    condition.workspace = workspaces.get(condition.workspace!) ?? condition.workspace;
    const prices = condition.fields.find((f) => f.label === 'Prices');
    if (prices) prices.value = basisLabel(deps.config.basis);
  }
}
