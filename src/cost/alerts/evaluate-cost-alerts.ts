import { sql } from 'kysely';
import type { CostAlertRule } from '../config/cost-config.js';
import type { CostDeps } from '../cost-deps.js';
import type { AlertCondition } from './alert-condition.js';
import { budgetConditions } from './budget-conditions.js';
import { idleComputeConditions } from './idle-compute-conditions.js';
import { jobRunSpikeConditions } from './job-run-spike-conditions.js';
import { announceDueAlerts, recordAlertConditions } from './record-alert-conditions.js';
import { alertInputsVersion, recordFullEvaluation, ruleEvaluationState } from './rule-evaluations.js';
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
  /**
   * Rules evaluated in full; the others had nothing new since their last full evaluation, so
   * only their alerts that fell due (a snooze or cooldown ran out) were announced.
   */
  recomputed: string[];
}

/** When a rule started being evaluated: a new rule starts with the periods running then. */
export interface RuleContext {
  firstEvaluatedAt: Date;
}

function conditionsOf(deps: CostDeps, rule: CostAlertRule, context: RuleContext): Promise<AlertCondition[]> {
  switch (rule.kind) {
    case 'budget':
      return budgetConditions(deps, rule, context);
    case 'spend_anomaly':
      return spendAnomalyConditions(deps, rule, context);
    case 'job_run_cost_spike':
      return jobRunSpikeConditions(deps, rule);
    case 'idle_compute':
      return idleComputeConditions(deps, rule);
  }
}

/**
 * Evaluates every alert rule of the cost config on the current rollups and collected tables and
 * records what it found. Cheap when nothing changed: a rule whose settings and inputs are those
 * of its last full evaluation only announces the alerts that fell due since (snoozes and
 * cooldowns that ran out); `force` evaluates every rule in full.
 */
export async function evaluateCostAlerts(
  deps: CostDeps,
  options: { force?: boolean } = {},
): Promise<EvaluationResult> {
  const result: EvaluationResult = {
    rules: deps.config.alerts.length,
    announced: 0,
    resolved: 0,
    failed: [],
    tookMs: {},
    recomputed: [],
  };
  if (deps.config.alerts.length === 0) return result;
  await deps.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${EVALUATION_LOCK})`.execute(connection);
    try {
      const inputs = await alertInputsVersion(deps);
      for (const rule of deps.config.alerts) {
        const started = performance.now();
        try {
          const state = await ruleEvaluationState(deps, rule, inputs);
          if (state.upToDate && !options.force) {
            result.announced += await announceDueAlerts(deps, rule);
          } else {
            const conditions = await conditionsOf(deps, rule, state);
            const recorded = await recordAlertConditions(deps, rule, conditions);
            await recordFullEvaluation(deps, rule, state.fingerprint);
            result.announced += recorded.announced;
            result.resolved += recorded.resolved;
            result.recomputed.push(rule.name);
          }
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
