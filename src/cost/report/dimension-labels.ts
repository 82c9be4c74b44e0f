import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { noneLabel, type CostDimension } from '../cost-dimensions.js';
import { isWorkspaceScoped, splitScopedKey } from '../workspace-scoped-key.js';

/** A workspace-scoped thing as the collected tables name it. */
interface ScopedName {
  workspaceId: string;
  id: string;
  name: string | null;
}

/**
 * Names people recognise for rollup keys: workspace, job, cluster and SQL warehouse names from
 * the collected tables (with the id for jobs and clusters); other keys are names already. Keys
 * of workspace-scoped dimensions are `<workspace id>/<id>` (see workspace-scoped-key.ts); their
 * label names the workspace too when the id or the label alone would be ambiguous: the same id
 * in another workspace, or two of these keys reading the same.
 */
export async function labelsFor(
  db: Db,
  dimension: CostDimension,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const labels = new Map<string, string>(keys.map((key) => [key, key === '' ? noneLabel(dimension) : key]));
  const wanted = keys.filter((key) => key !== '');
  if (wanted.length === 0) return labels;
  if (isWorkspaceScoped(dimension)) return scopedLabels(db, dimension, wanted, labels);
  if (dimension === 'workspace') {
    for (const [key, name] of await workspaceNames(db, wanted)) if (name) labels.set(key, name);
  }
  return labels;
}

async function scopedLabels(
  db: Db,
  dimension: CostDimension,
  keys: string[],
  labels: Map<string, string>,
): Promise<Map<string, string>> {
  const parts = keys.map((key) => ({ key, ...splitScopedKey(key) }));
  const known = await scopedNames(db, dimension, [...new Set(parts.map((p) => p.id))]);
  const nameOf = new Map(known.map((row) => [`${row.workspaceId}/${row.id}`, row.name]));
  const workspacesOfId = new Map<string, Set<string>>();
  for (const { workspaceId, id } of [...parts, ...known]) {
    workspacesOfId.set(id, (workspacesOfId.get(id) ?? new Set()).add(workspaceId));
  }
  const plain = new Map(
    parts.map(({ key, id }) => {
      const name = nameOf.get(key);
      return [key, !name ? id : dimension === 'warehouse' ? name : `${name} (${id})`];
    }),
  );
  const readings = new Map<string, number>();
  for (const label of plain.values()) readings.set(label, (readings.get(label) ?? 0) + 1);
  const ambiguous = parts.filter(
    ({ key, id }) => (workspacesOfId.get(id)?.size ?? 0) > 1 || (readings.get(plain.get(key)!) ?? 0) > 1,
  );
  const workspaces = await workspaceNames(db, [...new Set(ambiguous.map((p) => p.workspaceId))]);
  for (const { key } of parts) labels.set(key, plain.get(key)!);
  for (const { key, workspaceId } of ambiguous) {
    labels.set(key, `${plain.get(key)} in ${workspaces.get(workspaceId) ?? `workspace ${workspaceId}`}`);
  }
  return labels;
}

/** Every workspace's name for these ids (an id whose name was never collected is absent). */
async function workspaceNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('collected_workspaces')
    .select(['workspace_id', 'workspace_name'])
    .where('workspace_id', 'in', ids)
    .execute();
  return new Map(rows.flatMap((row) => (row.workspace_name ? [[row.workspace_id, row.workspace_name]] : [])));
}

/** The collected names of these ids, in every workspace that has one (newest name last). */
async function scopedNames(db: Db, dimension: CostDimension, ids: string[]): Promise<ScopedName[]> {
  switch (dimension) {
    case 'job':
      return (
        await db
          .selectFrom('collected_jobs')
          .select(['workspace_id as workspaceId', 'job_id as id', 'name'])
          .where('job_id', 'in', ids)
          .orderBy('change_time')
          .execute()
      ).map((row) => ({ ...row, workspaceId: row.workspaceId ?? '' }));
    case 'cluster':
      return (
        await db
          .selectFrom('collected_clusters')
          .select(['workspace_id as workspaceId', 'cluster_id as id', 'cluster_name as name'])
          .where('cluster_id', 'in', ids)
          .orderBy('change_time')
          .execute()
      ).map((row) => ({ ...row, workspaceId: row.workspaceId ?? '' }));
    case 'warehouse':
      return db
        .selectFrom('collected_optional_rows')
        .select([
          sql<string>`coalesce(row->>'workspace_id', '')`.as('workspaceId'),
          sql<string>`row->>'warehouse_id'`.as('id'),
          sql<string | null>`row->>'warehouse_name'`.as('name'),
        ])
        .where('source_table', '=', 'system.compute.warehouses')
        .where(sql<boolean>`row->>'warehouse_id' in (${sql.join(ids)})`)
        .orderBy('version_time')
        .execute();
    default:
      return [];
  }
}

/** A workspace's name, or its id when the collectors have not seen its name. */
export async function workspaceName(db: Db, workspaceId: string): Promise<string> {
  return (await labelsFor(db, 'workspace', [workspaceId])).get(workspaceId) ?? workspaceId;
}
