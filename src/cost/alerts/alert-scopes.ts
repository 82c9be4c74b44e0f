import { sql } from 'kysely';
import type { CostScope } from '../config/cost-config.js';
import type { CostDeps } from '../cost-deps.js';
import type { CostDimension } from '../cost-dimensions.js';
import { labelsFor } from '../report/dimension-labels.js';
import { resolveWorkspace } from '../report/resolve-workspace.js';
import type { UsageDay } from '../usage-day.js';
import { reportKey, scopedKey, splitScopedKey } from '../workspace-scoped-key.js';
import { DomainError } from '../../errors/domain-errors.js';

/** One concrete thing a rule watches, in rollup terms. */
export interface ScopeTarget {
  scopeKey: string;
  label: string;
  dimension: CostDimension;
  /**
   * The dimension key as reports key it (`<workspace id>/<job id>` for jobs, see
   * workspace-scoped-key.ts); undefined sums every key (the whole account).
   */
  key?: string;
  /** The workspace's name, for channel filters. */
  workspace?: string;
}

async function keysWithSpend(deps: CostDeps, dimension: CostDimension, from: UsageDay, to: UsageDay) {
  const rows = await deps.db
    .selectFrom('cost_daily')
    .select(reportKey(dimension).as('key'))
    .distinct()
    .where('dimension', '=', dimension)
    .where('key', '!=', '')
    .where(sql<boolean>`usage_date between ${from}::date and ${to}::date`)
    .execute();
  return rows.map((row) => row.key).sort();
}

/** A workspace named in a scope, or undefined (logged) when it names none we know. */
async function scopeWorkspace(deps: CostDeps, text: string): Promise<string | undefined> {
  return resolveWorkspace(deps.db, text).then(
    (w) => w.id,
    (error: unknown) => {
      if (!(error instanceof DomainError)) throw error;
      deps.log.warn({ scope: text }, 'cost alert scope names no known workspace');
      return undefined;
    },
  );
}

/** `job:<id>`: that id in every workspace that has it (a collected job or any job cost). */
async function jobKeys(deps: CostDeps, scope: Extract<CostScope, { kind: 'job' }>): Promise<string[]> {
  if (scope.workspace !== undefined) {
    const workspaceId = await scopeWorkspace(deps, scope.workspace);
    return workspaceId === undefined ? [] : [scopedKey(workspaceId, scope.value)];
  }
  const named = await deps.db
    .selectFrom('collected_jobs')
    .select('workspace_id')
    .distinct()
    .where('job_id', '=', scope.value)
    .execute();
  const withCosts = await deps.db
    .selectFrom('cost_daily')
    .select('workspace_id')
    .distinct()
    .where('dimension', '=', 'job')
    .where('key', '=', scope.value)
    .execute();
  const workspaces = [...new Set([...named, ...withCosts].map((row) => row.workspace_id))].sort();
  if (workspaces.length === 0) deps.log.warn({ job: scope.value }, 'cost alert scope names no known job');
  return workspaces.map((workspaceId) => scopedKey(workspaceId, scope.value));
}

/**
 * The targets of a scope: one for a named value, one per value with spend in the window for `*`.
 * A job id names the job in each workspace that has one, each watched on its own. A name that
 * matches nothing gives no target (logged), so one stale rule never blocks the rest.
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
        : await scopeWorkspace(deps, scope.value).then((id) => (id === undefined ? [] : [id]));
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
    scope.value === '*'
      ? await keysWithSpend(deps, dimension, window.from, window.to)
      : scope.kind === 'job'
        ? await jobKeys(deps, scope)
        : [scope.value];
  const labels = await labelsFor(deps.db, dimension, keys);
  const workspaces =
    scope.kind === 'job'
      ? await labelsFor(deps.db, 'workspace', [
          ...new Set(keys.map((key) => splitScopedKey(key).workspaceId)),
        ])
      : new Map<string, string>();
  return keys.map((key) => {
    const workspaceId = splitScopedKey(key).workspaceId;
    return {
      scopeKey: scope.kind === 'tag' ? `tag:${scope.tag}=${key}` : `${scope.kind}:${key}`,
      label:
        scope.kind === 'tag'
          ? `tag ${scope.tag}=${key}`
          : `${scope.kind === 'sku' ? 'SKU' : 'job'} ${labels.get(key) ?? key}`,
      dimension,
      key,
      ...(scope.kind === 'job' ? { workspace: workspaces.get(workspaceId) ?? workspaceId } : {}),
    };
  });
}
