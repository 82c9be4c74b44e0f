import { sql, type Kysely } from 'kysely';

/**
 * Cost rollups, kept up to date from the collected billing rows one usage date at a time, and
 * the cost alerts raised on them (see src/cost/).
 */
const FIGURES = `
    quantity numeric not null,
    list_cost numeric not null,
    contract_cost numeric not null,
    unpriced_quantity numeric not null`;

const STATEMENTS = [
  // Net cost (ORIGINAL + RETRACTION + RESTATEMENT) per hour and per day, for every dimension
  // (workspace, sku, product, job, cluster, warehouse, endpoint, run_as, tag:<key>) and
  // workspace. An empty key is usage without one (no job, no tag); an empty currency is usage
  // without a list price.
  `create table cost_hourly (
    usage_hour timestamptz not null,
    usage_date date not null,
    dimension text not null,
    key text not null,
    workspace_id text not null,
    currency text not null,${FIGURES})`,
  `create index cost_hourly_date_idx on cost_hourly (usage_date, dimension)`,
  `create index cost_hourly_hour_idx on cost_hourly (dimension, usage_hour)`,

  `create table cost_daily (
    usage_date date not null,
    dimension text not null,
    key text not null,
    workspace_id text not null,
    currency text not null,${FIGURES})`,
  `create index cost_daily_date_idx on cost_daily (usage_date, dimension, workspace_id, key)`,
  `create index cost_daily_key_idx on cost_daily (dimension, key, usage_date)`,

  // Each job run's cost per usage date (a run over midnight has two rows): runs sum them.
  `create table cost_job_run_days (
    usage_date date not null,
    workspace_id text not null,
    job_id text not null,
    run_id text not null,
    currency text not null,
    first_usage_at timestamptz not null,
    last_usage_at timestamptz not null,${FIGURES})`,
  `create index cost_job_run_days_date_idx on cost_job_run_days (usage_date)`,
  `create index cost_job_run_days_job_idx on cost_job_run_days (workspace_id, job_id)`,

  // Usage dates whose rollups must be recomputed; the generation changes with every new mark, so
  // a refresh only clears marks it has seen.
  `create table cost_dirty_dates (
    usage_date date primary key,
    generation bigint not null default 1,
    marked_at timestamptz not null)`,

  // What the rollups were computed with (contract terms, tags): a change recomputes them all.
  `create table cost_rollup_state (
    id text primary key,
    settings_fingerprint text not null,
    refreshed_at timestamptz not null)`,

  // One alert per rule, scope and period (a month, a day, a run, a running streak).
  `create table cost_alerts (
    id uuid primary key,
    dedupe_key text not null unique,
    rule_name text not null,
    rule_kind text not null,
    scope_key text not null,
    scope_label text not null,
    period_key text not null,
    state text not null check (state in ('open', 'acknowledged', 'snoozed', 'resolved', 'ended')),
    level integer not null,
    notified_level integer not null default 0,
    severity text not null,
    provisional boolean not null,
    workspace text,
    message jsonb not null,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    last_notified_at timestamptz,
    acknowledged_by text,
    acknowledged_at timestamptz,
    snoozed_by text,
    snoozed_until timestamptz,
    resolved_at timestamptz)`,
  `create index cost_alerts_rule_scope_idx on cost_alerts (rule_name, scope_key)`,
  `create index cost_alerts_state_idx on cost_alerts (state) where state in ('open', 'acknowledged', 'snoozed')`,

  // A snooze silences a rule for a scope (every period) until it ends.
  `create table cost_alert_snoozes (
    rule_name text not null,
    scope_key text not null,
    snoozed_until timestamptz not null,
    snoozed_by text not null,
    snoozed_at timestamptz not null,
    primary key (rule_name, scope_key))`,
];

const TABLES = [
  'cost_alert_snoozes',
  'cost_alerts',
  'cost_rollup_state',
  'cost_dirty_dates',
  'cost_job_run_days',
  'cost_daily',
  'cost_hourly',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).execute();
}
