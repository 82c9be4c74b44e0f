import { sql } from 'kysely';
import type { CostDeps } from '../cost-deps.js';
import type { CostDimension } from '../cost-dimensions.js';
import { costColumn } from '../report/cost-sums.js';
import { labelsFor } from '../report/dimension-labels.js';
import { median } from '../robust-stats.js';
import type { UsageDay } from '../usage-day.js';
import { isWorkspaceScoped, reportKey, splitScopedKey } from '../workspace-scoped-key.js';
import type { ScopeTarget } from './alert-scopes.js';

/** A target's key as the rollups store it (without its workspace). */
function storedKey(target: ScopeTarget): string {
  return isWorkspaceScoped(target.dimension) ? splitScopedKey(target.key!).id : target.key!;
}

export interface Contributor {
  label: string;
  amount: number;
  /** Above the median of the same baseline days. */
  increase: number;
}

/**
 * What drove a day's spend in a scope up: for the whole account its workspaces; for a workspace
 * its jobs, clusters, SQL warehouses, pipelines and serving endpoints; for a tag, SKU or job the workspaces
 * it spent in. Each compared with its median over the same baseline days; the largest increases first.
 */
export async function topContributors(
  deps: CostDeps,
  target: ScopeTarget,
  day: UsageDay,
  baselineDays: readonly UsageDay[],
  limit = 3,
): Promise<Contributor[]> {
  const days = [day, ...baselineDays];
  const byWorkspace = target.dimension !== 'workspace' && target.key !== undefined;
  const dimensions: CostDimension[] =
    target.dimension === 'workspace' && target.key !== undefined
      ? ['job', 'cluster', 'warehouse', 'pipeline', 'endpoint']
      : [target.dimension];
  // Within a workspace its jobs, clusters, … are keyed `<workspace id>/<id>` like everywhere else.
  const key = byWorkspace ? sql<string>`workspace_id` : reportKey(dimensions[0]!);
  const rows = await deps.db
    .selectFrom('cost_daily')
    .select([
      'dimension',
      key.as('key'),
      sql<string>`usage_date::text`.as('day'),
      sql<string>`sum(${costColumn(deps.config.basis)})::text`.as('amount'),
    ])
    .where('dimension', 'in', dimensions)
    .where(sql<boolean>`usage_date = any(cast(${sql.val(days)} as date[]))`)
    .$if(target.dimension === 'workspace' && target.key !== undefined, (qb) =>
      qb.where('workspace_id', '=', target.key!).where('key', '!=', ''),
    )
    .$if(byWorkspace, (qb) =>
      qb.where('key', '=', storedKey(target)).where(reportKey(target.dimension), '=', target.key!),
    )
    .groupBy(['dimension', sql`2`, 'usage_date'])
    .execute();
  const series = new Map<string, { dimension: CostDimension; key: string; byDay: Map<string, number> }>();
  for (const row of rows) {
    const id = `${row.dimension}\u0000${row.key}`;
    const entry = series.get(id) ?? {
      dimension: row.dimension as CostDimension,
      key: row.key,
      byDay: new Map(),
    };
    entry.byDay.set(row.day, Number(row.amount));
    series.set(id, entry);
  }
  const ranked = [...series.values()]
    .map((entry) => {
      const amount = entry.byDay.get(day) ?? 0;
      return {
        ...entry,
        amount,
        increase: amount - median(baselineDays.map((d) => entry.byDay.get(d) ?? 0)),
      };
    })
    .filter((entry) => entry.increase > 0)
    .sort((a, b) => b.increase - a.increase);
  // Only what moved the total: a tenth of the largest increase or more.
  const shown = ranked.filter((entry) => entry.increase >= ranked[0]!.increase / 10).slice(0, limit);
  const contributors: Contributor[] = [];
  for (const entry of shown) {
    const dimension = byWorkspace ? 'workspace' : entry.dimension;
    const label = (await labelsFor(deps.db, dimension, [entry.key])).get(entry.key) ?? entry.key;
    const kind =
      dimension === 'warehouse' ? 'SQL warehouse' : dimension === 'endpoint' ? 'serving endpoint' : dimension;
    contributors.push({ label: `${kind} ${label}`, amount: entry.amount, increase: entry.increase });
  }
  return contributors;
}
