import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { noneLabel, type CostDimension } from '../cost-dimensions.js';

/**
 * Names people recognise for rollup keys: workspace, job, cluster and SQL warehouse names from
 * the collected tables (with the id for jobs and clusters); other keys are names already.
 */
export async function labelsFor(
  db: Db,
  dimension: CostDimension,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const labels = new Map<string, string>(keys.map((key) => [key, key === '' ? noneLabel(dimension) : key]));
  const wanted = keys.filter((key) => key !== '');
  if (wanted.length === 0) return labels;
  const names = await namesOf(db, dimension, wanted);
  for (const [key, name] of names) {
    if (!name) continue;
    labels.set(key, dimension === 'workspace' || dimension === 'warehouse' ? name : `${name} (${key})`);
  }
  return labels;
}

async function namesOf(db: Db, dimension: CostDimension, keys: string[]): Promise<[string, string | null][]> {
  switch (dimension) {
    case 'workspace':
      return (
        await db
          .selectFrom('collected_workspaces')
          .select(['workspace_id as key', 'workspace_name as name'])
          .where('workspace_id', 'in', keys)
          .execute()
      ).map((row) => [row.key, row.name]);
    case 'job':
      return (
        await db
          .selectFrom('collected_jobs')
          .select(['job_id as key', 'name'])
          .where('job_id', 'in', keys)
          .orderBy('change_time')
          .execute()
      ).map((row) => [row.key, row.name]);
    case 'cluster':
      return (
        await db
          .selectFrom('collected_clusters')
          .select(['cluster_id as key', 'cluster_name as name'])
          .where('cluster_id', 'in', keys)
          .execute()
      ).map((row) => [row.key, row.name]);
    case 'warehouse':
      return (
        await db
          .selectFrom('collected_optional_rows')
          .select([
            sql<string>`row->>'warehouse_id'`.as('key'),
            sql<string | null>`row->>'warehouse_name'`.as('name'),
          ])
          .where('source_table', '=', 'system.compute.warehouses')
          .where(sql<boolean>`row->>'warehouse_id' in (${sql.join(keys)})`)
          .execute()
      ).map((row) => [row.key, row.name]);
    default:
      return [];
  }
}

/** A workspace's name, or its id when the collectors have not seen its name. */
export async function workspaceName(db: Db, workspaceId: string): Promise<string> {
  return (await labelsFor(db, 'workspace', [workspaceId])).get(workspaceId) ?? workspaceId;
}
