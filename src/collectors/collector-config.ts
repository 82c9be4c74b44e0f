import { z } from 'zod';
import type { CollectorSettings } from './collector-deps.js';
import { BILLING_USAGE } from './core-system-tables.js';
import { DAY_MS } from './system-table-spec.js';

/** The variables this module reads (listed for deployment manifests and their test). */
export const collectorEnvironment = z.object({
  COLLECTOR_BATCH_SIZE: z.coerce.number().int().min(100).max(20_000).default(5_000),
  COLLECTOR_USAGE_OVERLAP_DAYS: z.coerce.number().int().min(1).max(30).default(2),
});

/**
 * The collector variables (see the configuration table in README.md): rows per batch, and how
 * many days before its checkpoint each run re-reads `system.billing.usage` for late rows and
 * corrections. Problems are named by variable, never with their value.
 */
export function collectorSettingsFrom(
  source: NodeJS.ProcessEnv,
  problems: { variable: string; problem: string }[],
): CollectorSettings {
  const parsed = collectorEnvironment.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ variable: issue.path.join('.') || '(environment)', problem: issue.message });
    }
    return collectorSettingsFrom({}, []);
  }
  return {
    batchSize: parsed.data.COLLECTOR_BATCH_SIZE,
    overlapMs: { [BILLING_USAGE.name]: parsed.data.COLLECTOR_USAGE_OVERLAP_DAYS * DAY_MS },
  };
}
