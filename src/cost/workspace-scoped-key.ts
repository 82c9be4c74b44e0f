import { sql, type RawBuilder } from 'kysely';
import type { CostDimension } from './cost-dimensions.js';

/**
 * Databricks ids that are unique only within a workspace: job, cluster, SQL warehouse, DLT
 * pipeline and serving endpoint. Two workspaces may both have job 42; they are different jobs.
 * Rollups store the bare id next to its workspace, and everything that keys on one of these
 * dimensions (reports, alert scopes, labels) uses `<workspace id>/<id>` instead.
 */
const WORKSPACE_SCOPED = new Set<CostDimension>(['job', 'cluster', 'warehouse', 'pipeline', 'endpoint']);

export function isWorkspaceScoped(dimension: CostDimension): boolean {
  return WORKSPACE_SCOPED.has(dimension);
}

/** `<workspace id>/<id>`; usage without an id stays `''` whatever its workspace. */
export function scopedKey(workspaceId: string, id: string): string {
  return id === '' ? '' : `${workspaceId}/${id}`;
}

/** The workspace and id of a scoped key (workspace ids never contain `/`, ids may). */
export function splitScopedKey(key: string): { workspaceId: string; id: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { workspaceId: '', id: key }
    : { workspaceId: key.slice(0, slash), id: key.slice(slash + 1) };
}

/** The rollup key column as reports key it: scoped for workspace-scoped dimensions. */
export function reportKey(dimension: CostDimension): RawBuilder<string> {
  return isWorkspaceScoped(dimension)
    ? sql<string>`case when key = '' then '' else workspace_id || '/' || key end`
    : sql<string>`key`;
}
