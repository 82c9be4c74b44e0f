import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { DEFAULT_COST_CONFIG, type CostAlertRule, type CostConfig } from './cost-config.js';
import { costConfigSchema, type CostConfigFile } from './cost-config-schema.js';

/** The cost config file is invalid; the message names the file, the path inside it and the reason. */
export class CostConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CostConfigError';
  }
}

/**
 * Reads and validates the cost config file. A missing file is an error only when `required`
 * (the operator named it); otherwise figures are at list prices and no alert rule is set.
 */
export async function loadCostConfig(path: string, options: { required: boolean }): Promise<CostConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !options.required) return DEFAULT_COST_CONFIG;
    throw new CostConfigError(`${path}: cannot read the cost config file (${(error as Error).message})`);
  }
  return parseCostConfigText(text, path);
}

export function parseCostConfigText(text: string, path = 'cost.yml'): CostConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    throw new CostConfigError(`${path}${where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = costConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    throw new CostConfigError(`${path}: invalid cost config:\n${problems.join('\n')}`);
  }
  return toCostConfig(parsed.data);
}

function toCostConfig(file: CostConfigFile): CostConfig {
  const alerts = file.alerts.map(toRule);
  const scopedTags = alerts.flatMap((rule) => (rule.scope.kind === 'tag' ? [rule.scope.tag] : []));
  return {
    basis: file.contract ? 'contract' : 'list',
    contract: file.contract && {
      flatDiscountPercent: file.contract.discount_percent,
      skuFamilies: Object.entries(file.contract.sku_families).map(([name, family]) => ({
        name,
        patterns: typeof family.match === 'string' ? [family.match] : family.match,
        discountPercent: family.discount_percent,
      })),
    },
    rollupTags: [...new Set([...file.rollup_tags, ...scopedTags])],
    alerts,
  };
}

function toRule(alert: CostConfigFile['alerts'][number]): CostAlertRule {
  const base = {
    name: alert.name,
    scope: alert.scope.scope,
    scopeText: alert.scope.text,
    cooldownSeconds: alert.cooldown,
    backfill: alert.backfill,
  };
  switch (alert.kind) {
    case 'budget':
      return {
        ...base,
        kind: 'budget',
        period: alert.period,
        amount: alert.amount,
        thresholdsPercent: [...new Set(alert.thresholds)].sort((a, b) => a - b),
        forecast: alert.forecast,
      };
    case 'spend_anomaly':
      return {
        ...base,
        kind: 'spend_anomaly',
        weeks: alert.weeks,
        minIncreasePercent: alert.min_increase_percent,
        minIncreaseAmount: alert.min_increase_amount,
        minDeviations: alert.min_deviations,
      };
    case 'job_run_cost_spike':
      return {
        ...base,
        kind: 'job_run_cost_spike',
        factor: alert.factor,
        runs: alert.runs,
        minRuns: alert.min_runs,
        minCost: alert.min_cost,
      };
    case 'idle_compute':
      return {
        ...base,
        kind: 'idle_compute',
        idleSeconds: alert.idle_for,
        maxCpuPercent: alert.max_cpu_percent,
        maxMemoryPercent: alert.max_memory_percent,
        requireAutoTermination: alert.require_auto_termination,
        warehouses: alert.warehouses,
      };
  }
}
