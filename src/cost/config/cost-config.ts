/**
 * The cost settings an operator writes in the cost config file (`COST_CONFIG_FILE`, see
 * cost.example.yml), validated at start-up: contract discounts, the custom tags to roll up, and
 * the alert rules.
 */

/** Whose prices the figures are in: Databricks list prices, or list prices less contract discounts. */
export type PriceBasis = 'list' | 'contract';

export interface SkuFamilyDiscount {
  name: string;
  /** Glob patterns on sku_name (`*` any text), e.g. `*JOBS*`. */
  patterns: string[];
  discountPercent: number;
}

export interface ContractTerms {
  /** Applied to every SKU no family matches. */
  flatDiscountPercent: number;
  /** The first family whose pattern matches a SKU gives its discount. */
  skuFamilies: SkuFamilyDiscount[];
}

/**
 * What an alert rule watches: the whole account, or one value (or `*`, each value) of a
 * workspace, custom tag, job or SKU.
 */
export type CostScope =
  | { kind: 'account' }
  | { kind: 'workspace'; value: string }
  | { kind: 'tag'; tag: string; value: string }
  /** A job id (or `*`); ids are unique only within a workspace, so `workspace` may name one. */
  | { kind: 'job'; value: string; workspace?: string }
  | { kind: 'sku'; value: string };

interface RuleBase {
  name: string;
  scope: CostScope;
  /** The scope as written, e.g. `workspace:prod`. */
  scopeText: string;
  /** No second notification for the same rule and scope within this time. */
  cooldownSeconds: number;
  /** Alert about periods that ended before the rule was first evaluated (off: start with the current one). */
  backfill: boolean;
}

export interface BudgetRule extends RuleBase {
  kind: 'budget';
  period: 'month' | 'day';
  amount: number;
  /** Percentages of the amount that alert when actual spend reaches them, ascending. */
  thresholdsPercent: number[];
  /** Warn early when the month-end forecast will pass the amount (monthly budgets). */
  forecast: boolean;
}

export interface SpendAnomalyRule extends RuleBase {
  kind: 'spend_anomaly';
  /** Same weekdays in the baseline (4–8). */
  weeks: number;
  minIncreasePercent: number;
  minIncreaseAmount: number;
  /** Robust z-score (distance from the median in MADs, scaled to σ) to pass. */
  minDeviations: number;
}

export interface JobRunCostSpikeRule extends RuleBase {
  kind: 'job_run_cost_spike';
  /** A run costing more than `factor` × the median of the job's last `runs` runs. */
  factor: number;
  runs: number;
  /** Fewer earlier runs than this: no baseline yet, no alert. */
  minRuns: number;
  /** Runs cheaper than this never alert. */
  minCost: number;
}

export interface IdleComputeRule extends RuleBase {
  kind: 'idle_compute';
  /**
   * A running all-purpose cluster whose every node stayed below both thresholds (each hour's
   * average) for this long is idle; so is a SQL warehouse running without a query this long.
   */
  idleSeconds: number;
  /** CPU (user + system), percent. */
  maxCpuPercent: number;
  /** Memory used, percent. */
  maxMemoryPercent: number;
  /** An all-purpose cluster with usage but no auto-termination alerts. */
  requireAutoTermination: boolean;
  /** Also watch SQL warehouses (warehouse events and query history). */
  warehouses: boolean;
}

export type CostAlertRule = BudgetRule | SpendAnomalyRule | JobRunCostSpikeRule | IdleComputeRule;
export type CostAlertKind = CostAlertRule['kind'];

export interface CostConfig {
  basis: PriceBasis;
  contract: ContractTerms | undefined;
  /** Custom tag keys rolled up as dimensions (`by tag:team`), including every tag a rule scopes on. */
  rollupTags: string[];
  alerts: CostAlertRule[];
}

export const DEFAULT_COST_CONFIG: CostConfig = {
  basis: 'list',
  contract: undefined,
  rollupTags: [],
  alerts: [],
};

/** A scope back as text: `account`, `workspace:prod`, `tag:team=ml`. */
export function scopeText(scope: CostScope): string {
  switch (scope.kind) {
    case 'account':
      return 'account';
    case 'tag':
      return `tag:${scope.tag}=${scope.value}`;
    case 'job':
      return scope.workspace === undefined ? `job:${scope.value}` : `job:${scope.workspace}/${scope.value}`;
    default:
      return `${scope.kind}:${scope.value}`;
  }
}
