import type { ColumnType } from 'kysely';

/** Figures are `numeric` in Postgres: exact strings here. */
type Numeric = ColumnType<string, string | number, string | number>;
/** `date` columns come back as `Date` (UTC midnight); written as `YYYY-MM-DD`. */
type DateColumn = ColumnType<Date, string, string>;

interface Figures {
  quantity: Numeric;
  list_cost: Numeric;
  contract_cost: Numeric;
  unpriced_quantity: Numeric;
}

export interface CostHourlyTable extends Figures {
  usage_hour: Date;
  usage_date: DateColumn;
  /** workspace, sku, product, job, cluster, warehouse, endpoint, run_as or tag:<key>. */
  dimension: string;
  /** '' for usage without one. */
  key: string;
  workspace_id: string;
  /** '' for usage without a list price. */
  currency: string;
}

export interface CostDailyTable extends Figures {
  usage_date: DateColumn;
  dimension: string;
  key: string;
  workspace_id: string;
  currency: string;
}

export interface CostJobRunDaysTable extends Figures {
  usage_date: DateColumn;
  workspace_id: string;
  job_id: string;
  run_id: string;
  currency: string;
  first_usage_at: Date;
  last_usage_at: Date;
}

export interface CostDirtyDatesTable {
  usage_date: DateColumn;
  generation: ColumnType<number, number | undefined, number>;
  marked_at: Date;
}

export interface CostRollupStateTable {
  id: string;
  settings_fingerprint: string;
  refreshed_at: Date;
}
