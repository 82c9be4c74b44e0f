import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CostAlertRule } from '../config/cost-config.js';
import type { CostDeps } from '../cost-deps.js';
import { dayOf } from '../usage-day.js';

/** The cost_rollup_state row whose fingerprint changes whenever a refresh recomputed a date. */
const ROLLUP_DATA = 'rollup-data';

/** Called by a rollup refresh that recomputed dates: alert rules must look again. */
export async function markRollupsChanged(db: Db, at: Date): Promise<void> {
  const version = randomUUID();
  await db
    .insertInto('cost_rollup_state')
    .values({ id: ROLLUP_DATA, settings_fingerprint: version, refreshed_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ settings_fingerprint: version, refreshed_at: at }))
    .execute();
}

/**
 * What every rule reads, as one string that changes when any of it may have: the rollups, any
 * finished collector run (node utilisation, warehouse events and query history arrive without
 * touching the rollups), and the day (budget periods, forecasts and provisional figures move
 * with the calendar).
 */
export async function alertInputsVersion(deps: CostDeps): Promise<string> {
  const runs = await sql<{ finished: string; latest: Date | null }>`
    select count(*)::text as finished, max(finished_at) as latest
    from collector_runs where finished_at is not null`.execute(deps.db);
  const rollups = await deps.db
    .selectFrom('cost_rollup_state')
    .select('settings_fingerprint')
    .where('id', '=', ROLLUP_DATA)
    .executeTakeFirst();
  return JSON.stringify({
    day: dayOf(deps.clock.now()),
    runs: runs.rows[0]?.finished,
    latestRun: runs.rows[0]?.latest?.toISOString() ?? null,
    rollups: rollups?.settings_fingerprint ?? null,
  });
}

export interface RuleEvaluationState {
  /** A new rule starts with the periods running at this time (unless it asks to backfill). */
  firstEvaluatedAt: Date;
  /** Its last full evaluation saw these same settings and inputs. */
  upToDate: boolean;
  fingerprint: string;
}

export async function ruleEvaluationState(
  deps: CostDeps,
  rule: CostAlertRule,
  inputsVersion: string,
): Promise<RuleEvaluationState> {
  const now = deps.clock.now();
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(rule))
    .update('|')
    .update(inputsVersion)
    .digest('hex')
    .slice(0, 32);
  // First sight of a rule records when it started; the fingerprint waits for a full evaluation.
  await deps.db
    .insertInto('cost_alert_rule_evaluations')
    .values({ rule_name: rule.name, first_evaluated_at: now, inputs_fingerprint: '', evaluated_at: now })
    .onConflict((oc) => oc.column('rule_name').doNothing())
    .execute();
  const row = await deps.db
    .selectFrom('cost_alert_rule_evaluations')
    .selectAll()
    .where('rule_name', '=', rule.name)
    .executeTakeFirstOrThrow();
  return {
    firstEvaluatedAt: row.first_evaluated_at,
    upToDate: row.inputs_fingerprint === fingerprint,
    fingerprint,
  };
}

export async function recordFullEvaluation(deps: CostDeps, rule: CostAlertRule, fingerprint: string) {
  await deps.db
    .updateTable('cost_alert_rule_evaluations')
    .set({ inputs_fingerprint: fingerprint, evaluated_at: deps.clock.now() })
    .where('rule_name', '=', rule.name)
    .execute();
}
