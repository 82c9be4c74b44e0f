import type { ActionKind } from '../action-kind.js';
import { observeCluster } from './observe-cluster.js';

/** `POST /api/2.1/clusters/delete`: terminates the cluster; its configuration stays, so it can be started again. */
export const terminateCluster: ActionKind = {
  name: 'terminate-cluster',
  title: 'Terminate cluster',
  resource: 'cluster',
  undo: 'start-cluster',
  observe: observeCluster,
  alreadyDone: (observed) =>
    observed.state === 'TERMINATED' || observed.state === 'TERMINATING'
      ? `The cluster ${observed.label} is already ${observed.state.toLowerCase()}.`
      : undefined,
  change: (observed) => [
    `State ${observed.state} → TERMINATED (clusters/delete).`,
    'Its configuration is kept: it can be started again (Undo).',
  ],
  execute: async (api, clusterId) => {
    await api.rest('POST', '/api/2.1/clusters/delete', { cluster_id: clusterId });
  },
  verify: (observed) =>
    observed.state === 'TERMINATED' ? 'done' : observed.state === 'TERMINATING' ? 'settling' : 'not done',
};
