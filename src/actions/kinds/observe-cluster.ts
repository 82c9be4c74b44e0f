import { durationText, readResource, text, type ObservedResource } from '../action-kind.js';
import type { WorkspaceApi } from '../../ports/databricks-workspace.js';

/** `GET /api/2.1/clusters/get`: state, size, auto-termination and time since the last activity. */
export async function observeCluster(
  api: WorkspaceApi,
  clusterId: string,
  now: Date,
): Promise<ObservedResource> {
  const raw = await readResource(
    api,
    `/api/2.1/clusters/get?cluster_id=${encodeURIComponent(clusterId)}`,
    `The cluster ${clusterId}`,
  );
  const state = text(raw.state, 'UNKNOWN');
  const lastActivity = typeof raw.last_activity_time === 'number' ? raw.last_activity_time : undefined;
  const idleSeconds =
    state === 'RUNNING' && lastActivity !== undefined
      ? Math.max(0, Math.floor((now.getTime() - lastActivity) / 1000))
      : undefined;
  const workers = typeof raw.num_workers === 'number' ? `${raw.num_workers} workers` : 'autoscaling';
  const autoTermination =
    typeof raw.autotermination_minutes === 'number' && raw.autotermination_minutes > 0
      ? `auto-termination ${raw.autotermination_minutes} min`
      : 'auto-termination off';
  const parts = [
    state,
    ...(idleSeconds !== undefined ? [`idle ${durationText(idleSeconds)}`] : []),
    workers,
    autoTermination,
    `owner ${text(raw.creator_user_name)}`,
  ];
  return {
    label: text(raw.cluster_name, clusterId),
    state,
    summary: parts.join(' · '),
    ...(idleSeconds !== undefined ? { idleSeconds } : {}),
    raw,
  };
}
