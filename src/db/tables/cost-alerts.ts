import type { ColumnType, Selectable } from 'kysely';

export type CostAlertState = 'open' | 'acknowledged' | 'snoozed' | 'resolved' | 'ended';

/** One alert per rule, scope and period; its message is what every posted copy shows. */
export interface CostAlertsTable {
  id: string;
  /** `<rule>|<scope>|<period>`. */
  dedupe_key: string;
  rule_name: string;
  rule_kind: string;
  /** The scope resolved, e.g. `workspace:1234`, `tag:team=ml`, `job:1234/5678`. */
  scope_key: string;
  scope_label: string;
  /** `2026-11`, `2026-11-23`, a run id, the start of a running streak. */
  period_key: string;
  state: CostAlertState;
  /** How bad it is now (higher is worse); `notified_level` is the level last announced. */
  level: number;
  notified_level: ColumnType<number, number | undefined, number>;
  severity: string;
  provisional: boolean;
  workspace: string | null;
  message: ColumnType<unknown, string, string>;
  first_seen_at: Date;
  last_seen_at: Date;
  /** When it was last announced (null: never); the next announcement's outbox key derives from it. */
  last_notified_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  snoozed_by: string | null;
  snoozed_until: Date | null;
  resolved_at: Date | null;
}

export interface CostAlertSnoozesTable {
  rule_name: string;
  scope_key: string;
  snoozed_until: Date;
  snoozed_by: string;
  snoozed_at: Date;
}

export type CostAlertRow = Selectable<CostAlertsTable>;

/**
 * Per rule: when it was first evaluated (a new rule starts with the current period) and what its
 * last full evaluation saw, so an evaluation with nothing new only announces what fell due.
 */
export interface CostAlertRuleEvaluationsTable {
  rule_name: string;
  first_evaluated_at: Date;
  /** The rule's settings and the inputs (collected data, day) its last full evaluation saw. */
  inputs_fingerprint: string;
  evaluated_at: Date;
}
