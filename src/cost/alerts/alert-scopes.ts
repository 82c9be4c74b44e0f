import { sql } from 'kysely';
import type { CostScope } from '../config/cost-config.js';
import type { CostDeps } from '../cost-deps.js';
import type { CostDimension } from '../cost-dimensions.js';
import { labelsFor } from '../report/dimension-labels.js';
import { resolveWorkspace } from '../report/resolve-workspace.js';
import type { UsageDay } from '../usage-day.js';
import { DomainError } from '../../errors/domain-errors.js';

/** One concrete thing a rule watches, in rollup terms. */
export interface ScopeTarget {
  scopeKey: string;
  label: string;
  dimension: CostDimension;
  /** The dimension key; undefined sums every key (the whole account). */
  key?: string;
  /** The workspace's name, for channel filters. */
  workspace?: string;
}

async function keysWithSpend(deps: CostDeps, dimension: CostDimension, from: UsageDay, to: UsageDay) {
  const rows = await deps.db
    .selectFrom('cost_daily')
    .select('key')
    .distinct()
    .where('dimension', '=', dimension)
    .where('key', '!=', '')
    .where(sql<boolean>`usage_date between ${from}::date and ${to}::date`)
    .execute();
  return rows.map((row) => row.key).sort();
}

/**
 * The targets of a scope: one for a named value, one per value with spend in the window for `*`.
 * A name that matches nothing gives no target (logged), so one stale rule never blocks the rest.
 */
export async function scopeTargets(
  deps: CostDeps,
  scope: CostScope,
  window: { from: UsageDay; to: UsageDay },
): Promise<ScopeTarget[]> {
  if (scope.kind === 'account')
    return [{ scopeKey: 'account', label: 'the account', dimension: 'workspace' }];
  if (scope.kind === 'workspace') {
    const ids =
      scope.value === '*'
        ? await keysWithSpend(deps, 'workspace', window.from, window.to)
        : await resolveWorkspace(deps.db, scope.value).then(
            (w) => [w.id],
            (error: unknown) => {
              if (!(error instanceof DomainError)) throw error;
              deps.log.warn({ scope: scope.value }, 'cost alert scope names no known workspace');
              return [];
            },
          );
    const names = await labelsFor(deps.db, 'workspace', ids);
    return ids.map((id) => ({
      scopeKey: `workspace:${id}`,
      label: `workspace ${names.get(id) ?? id}`,
      dimension: 'workspace',
      key: id,
      workspace: names.get(id) ?? id,
    }));
  }
  const dimension: CostDimension = scope.kind === 'tag' ? `tag:${scope.tag}` : scope.kind;
  const keys =
    scope.value === '*' ? await keysWithSpend(deps, dimension, window.from, window.to) : [scope.value];
  const labels = await labelsFor(deps.db, dimension, keys);
  return keys.map((key) => ({
    scopeKey: scope.kind === 'tag' ? `tag:${scope.tag}=${key}` : `${scope.kind}:${key}`,
    label:
      scope.kind === 'tag'
        ? `tag ${scope.tag}=${key}`
        : `${scope.kind === 'sku' ? 'SKU' : 'job'} ${labels.get(key) ?? key}`,
    dimension,
    key,
  }));
}
