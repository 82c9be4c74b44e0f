import { z } from 'zod';
import { parseDuration } from '../../access/duration.js';
import type { CostScope } from './cost-config.js';

const duration = z.string().transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (use forms like 30m, 6h, 1d)` });
    return z.NEVER;
  }
  return seconds;
});

const percent = z.number().min(0).max(100);
const tagKey = z.string().regex(/^[A-Za-z0-9_.:/@+-]{1,128}$/, 'is not a custom tag key');
const SCOPE = /^(account|workspace:(.+)|job:(.+)|sku:(.+)|tag:([^=\s]+)=(.+))$/;

/**
 * `account`, `workspace:<name, id or *>`, `tag:<key>=<value or *>`, `job:<id or *>` (the job in
 * every workspace that has that id, each on its own), `job:<workspace name or id>/<job id>`,
 * `sku:<name or *>`.
 */
export function parseScope(text: string): CostScope | undefined {
  const match = SCOPE.exec(text.trim());
  if (!match) return undefined;
  if (match[1] === 'account') return { kind: 'account' };
  if (match[2] !== undefined) return { kind: 'workspace', value: match[2] };
  if (match[3] !== undefined) {
    const slash = match[3].lastIndexOf('/');
    if (slash <= 0 || slash === match[3].length - 1) return { kind: 'job', value: match[3] };
    return { kind: 'job', value: match[3].slice(slash + 1), workspace: match[3].slice(0, slash) };
  }
  if (match[4] !== undefined) return { kind: 'sku', value: match[4] };
  return { kind: 'tag', tag: match[5]!, value: match[6]! };
}

const scope = z.string().transform((text, ctx) => {
  const parsed = parseScope(text);
  if (!parsed) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a scope (use account, workspace:<name|id|*>, tag:<key>=<value|*>, job:<id|*>, job:<workspace>/<id> or sku:<name|*>)`,
    });
    return z.NEVER;
  }
  return { scope: parsed, text: text.trim() };
});

const ruleBase = {
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'rule names are lower-case letters, digits, ".", "_", "-"'),
  scope: scope.default({ scope: { kind: 'account' }, text: 'account' }),
  cooldown: duration.default(6 * 3600),
  /** Also alert about periods that ended before the rule was first evaluated. */
  backfill: z.boolean().default(false),
};

const budget = z
  .object({
    ...ruleBase,
    kind: z.literal('budget'),
    period: z.enum(['month', 'day']).default('month'),
    amount: z.number().positive(),
    thresholds: z.array(z.number().positive().max(1000)).min(1).default([50, 80, 100]),
    forecast: z.boolean().default(true),
  })
  .strict();

const spendAnomaly = z
  .object({
    ...ruleBase,
    kind: z.literal('spend_anomaly'),
    weeks: z.number().int().min(4).max(8).default(6),
    min_increase_percent: z.number().positive().default(50),
    min_increase_amount: z.number().min(0).default(100),
    min_deviations: z.number().positive().default(3),
  })
  .strict();

const jobRunCostSpike = z
  .object({
    ...ruleBase,
    kind: z.literal('job_run_cost_spike'),
    factor: z.number().gt(1).default(3),
    runs: z.number().int().min(3).max(100).default(10),
    min_runs: z.number().int().min(2).max(100).default(5),
    min_cost: z.number().min(0).default(10),
  })
  .strict();

const idleCompute = z
  .object({
    ...ruleBase,
    kind: z.literal('idle_compute'),
    /** Kept only to explain its replacement (see the check below). */
    max_running_hours: z.unknown().optional(),
    idle_for: duration
      .refine((seconds) => seconds >= 3600 && seconds <= 7 * 86_400, {
        message: 'must be between 1h and 7d (node utilisation is read a week back at most)',
      })
      .default(12 * 3600),
    max_cpu_percent: z.number().positive().max(100).default(5),
    max_memory_percent: z.number().positive().max(100).default(50),
    require_auto_termination: z.boolean().default(true),
    warehouses: z.boolean().default(true),
  })
  .strict();

const rule = z.discriminatedUnion('kind', [budget, spendAnomaly, jobRunCostSpike, idleCompute]);

const skuFamily = z
  .object({
    match: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    discount_percent: percent,
  })
  .strict();

export const costConfigSchema = z
  .object({
    contract: z
      .object({
        discount_percent: percent.default(0),
        sku_families: z.record(z.string().min(1), skuFamily).default({}),
      })
      .strict()
      .optional(),
    rollup_tags: z.array(tagKey).default([]),
    alerts: z.array(rule).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.alerts.forEach((alert, index) => {
      if (seen.has(alert.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['alerts', index, 'name'],
          message: `"${alert.name}" is used twice`,
        });
      }
      seen.add(alert.name);
      if (alert.kind === 'job_run_cost_spike' && alert.min_runs > alert.runs) {
        ctx.addIssue({ code: 'custom', path: ['alerts', index, 'min_runs'], message: 'is more than runs' });
      }
      const kind = alert.scope.scope.kind;
      if (
        alert.kind === 'job_run_cost_spike' &&
        kind !== 'job' &&
        kind !== 'workspace' &&
        kind !== 'account'
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['alerts', index, 'scope'],
          message: 'a job run cost spike rule watches jobs: use account, workspace:<…> or job:<…>',
        });
      }
      if (alert.kind === 'idle_compute' && alert.max_running_hours !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['alerts', index, 'max_running_hours'],
          message:
            'is no longer used: idle compute is judged by utilisation now; set idle_for (e.g. 12h), max_cpu_percent and max_memory_percent',
        });
      }
      if (alert.kind === 'idle_compute' && kind !== 'workspace' && kind !== 'account') {
        ctx.addIssue({
          code: 'custom',
          path: ['alerts', index, 'scope'],
          message: 'an idle compute rule watches clusters: use account or workspace:<…>',
        });
      }
    });
  });

export type CostConfigFile = z.output<typeof costConfigSchema>;
