import { sql } from 'kysely';
import type { CostAlertRule } from '../config/cost-config.js';
import type { CostDeps } from '../cost-deps.js';
import type { AlertCondition } from './alert-condition.js';
import { budgetConditions } from './budget-conditions.js';
import { idleComputeConditions } from './idle-compute-conditions.js';
import { jobRunSpikeConditions } from './job-run-spike-conditions.js';
import { recordAlertConditions } from './record-alert-conditions.js';
import { spendAnomalyConditions } from './spend-anomaly-conditions.js';

/** Held while rules are evaluated, so two evaluations never interleave. */
const EVALUATION_LOCK = 7_318_402;

export interface EvaluationResult {
  rules: number;
  announced: number;
  resolved: number;
  /** Rules that could not be evaluated (logged); the others still were. */
  failed: string[];
  /** Milliseconds each rule took. */
  tookMs: Record<string, number>;
}

function conditionsOf(deps: CostDeps, rule: CostAlertRule): Promise<AlertCondition[]> {
  switch (rule.kind) {
    case 'budget':
      return budgetConditions(deps, rule);
    case 'spend_anomaly':
      return spendAnomalyConditions(deps, rule);
    case 'job_run_cost_spike':
      return jobRunSpikeConditions(deps, rule);
    case 'idle_compute':
      return idleComputeConditions(deps, rule);
  }
}

/** Evaluates every alert rule of the cost config on the current rollups and records what it found. */
export async function evaluateCostAlerts(deps: CostDeps): Promise<EvaluationResult> {
  const result: EvaluationResult = {
    rules: deps.config.alerts.length,
    announced: 0,
    resolved: 0,
    failed: [],
    tookMs: {},
  };
  if (deps.config.alerts.length === 0) return result;
  await deps.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${EVALUATION_LOCK})`.execute(connection);
    try {
      for (const rule of deps.config.alerts) {
        const started = performance.now();
        try {
          const recorded = await recordAlertConditions(deps, rule, await conditionsOf(deps, rule));
          result.announced += recorded.announced;
          result.resolved += recorded.resolved;
        } catch (error) {
          result.failed.push(rule.name);
          deps.log.error({ err: error, rule: rule.name }, 'cost alert rule could not be evaluated');
        }
        result.tookMs[rule.name] = Math.round(performance.now() - started);
      }
    } finally {
      await sql`select pg_advisory_unlock(${EVALUATION_LOCK})`.execute(connection);
    }
  });
  return result;
}
