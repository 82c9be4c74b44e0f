import type { CostDeps } from '../cost-deps.js';

/**
 * Clusters a remediation action terminated (verified, not undone), with when: an idle streak
 * that ended before then is over, even while no newer node data says so.
 */
export async function clustersStoppedByActions(
  deps: Pick<CostDeps, 'db'>,
  clusterIds: string[],
): Promise<Map<string, Date>> {
  if (clusterIds.length === 0) return new Map();
  const rows = await deps.db
    .selectFrom('remediation_actions')
    .select(['target_id', 'finished_at'])
    .where('kind', '=', 'terminate-cluster')
    .where('state', '=', 'succeeded')
    .where('undone_by_action_id', 'is', null)
    .where('target_id', 'in', clusterIds)
    .execute();
  const stopped = new Map<string, Date>();
  for (const row of rows) {
    const previous = stopped.get(row.target_id);
    if (row.finished_at && (!previous || row.finished_at > previous))
      stopped.set(row.target_id, row.finished_at);
  }
  return stopped;
}
