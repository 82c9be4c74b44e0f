import { sql } from 'kysely';
import type { CostDeps } from '../cost-deps.js';
import { costColumn } from '../report/cost-sums.js';
import type { CostDimension } from '../cost-dimensions.js';
import type { UsageDay } from '../usage-day.js';
import { isWorkspaceScoped, reportKey, splitScopedKey } from '../workspace-scoped-key.js';
import type { ScopeTarget } from './alert-scopes.js';

const KEYS_PER_QUERY = 1_000;

/** Spend per day of every target (by scope key), a few queries however many targets there are. */
export async function dailySpendOfTargets(
  deps: CostDeps,
  targets: readonly ScopeTarget[],
  window: { from: UsageDay; to: UsageDay },
): Promise<Map<string, Map<UsageDay, number>>> {
  const result = new Map<string, Map<UsageDay, number>>(targets.map((t) => [t.scopeKey, new Map()]));
  const amount = sql<string>`sum(${costColumn(deps.config.basis)})::text`.as('amount');
  const inWindow = sql<boolean>`usage_date between ${window.from}::date and ${window.to}::date`;
  for (const target of targets.filter((t) => t.key === undefined)) {
    const rows = await deps.db
      .selectFrom('cost_daily')
      .select([sql<string>`usage_date::text`.as('day'), amount])
      .where('dimension', '=', target.dimension)
      .where(inWindow)
      .groupBy('usage_date')
      .execute();
    for (const row of rows) result.get(target.scopeKey)!.set(row.day, Number(row.amount));
  }
  const keyed = targets.filter((t) => t.key !== undefined);
  const dimensions = [...new Set(keyed.map((t) => t.dimension))];
  for (const dimension of dimensions) {
    const ofDimension = keyed.filter((t) => t.dimension === dimension);
    const scopeOf = new Map(ofDimension.map((t) => [t.key!, t.scopeKey]));
    for (let i = 0; i < ofDimension.length; i += KEYS_PER_QUERY) {
      const keys = ofDimension.slice(i, i + KEYS_PER_QUERY).map((t) => t.key!);
      // Jobs, clusters, … are keyed `<workspace id>/<id>`: the bare ids find the rows by index.
      const rows = await deps.db
        .selectFrom('cost_daily')
        .select([reportKey(dimension).as('key'), sql<string>`usage_date::text`.as('day'), amount])
        .where('dimension', '=', dimension)
        .where('key', 'in', [...new Set(keys.map((key) => storedKey(dimension, key)))])
        .where(reportKey(dimension), 'in', keys)
        .where(inWindow)
        .groupBy([sql`1`, 'usage_date'])
        .execute();
      for (const row of rows) result.get(scopeOf.get(row.key)!)!.set(row.day, Number(row.amount));
    }
  }
  return result;
}

/** The key as the rollups store it (without its workspace). */
function storedKey(dimension: CostDimension, key: string): string {
  return isWorkspaceScoped(dimension) ? splitScopedKey(key).id : key;
}
