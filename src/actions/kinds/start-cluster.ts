import type { ActionKind } from '../action-kind.js';
import { observeCluster } from './observe-cluster.js';

/** `POST /api/2.1/clusters/start`: starts a terminated cluster again (the undo of terminate). */
export const startCluster: ActionKind = {
  name: 'start-cluster',
  title: 'Start cluster',
  resource: 'cluster',
  undo: 'terminate-cluster',
  observe: observeCluster,
  alreadyDone: (observed) =>
    observed.state === 'TERMINATED'
      ? undefined
      : `The cluster ${observed.label} is ${observed.state.toLowerCase()}, not terminated: there is nothing to start.`,
  change: (observed) => [`State ${observed.state} → RUNNING (clusters/start).`],
  execute: async (api, clusterId) => {
    await api.rest('POST', '/api/2.1/clusters/start', { cluster_id: clusterId });
  },
  verify: (observed) =>
    observed.state === 'RUNNING' ? 'done' : observed.state === 'PENDING' ? 'settling' : 'not done',
};
