import { readResource, text, type ActionKind } from '../action-kind.js';

/** `POST /api/2.0/sql/warehouses/{id}/stop`: stops a SQL warehouse (it starts again on the next query). */
export const stopWarehouse: ActionKind = {
  name: 'stop-warehouse',
  title: 'Stop SQL warehouse',
  resource: 'SQL warehouse',
  observe: async (api, id) => {
    const raw = await readResource(
      api,
      `/api/2.0/sql/warehouses/${encodeURIComponent(id)}`,
      `The SQL warehouse ${id}`,
    );
    const state = text(raw.state, 'UNKNOWN');
    const autoStop =
      typeof raw.auto_stop_mins === 'number' && raw.auto_stop_mins > 0
        ? `auto-stop ${raw.auto_stop_mins} min`
        : 'auto-stop off';
    return {
      label: text(raw.name, id),
      state,
      summary: [state, text(raw.cluster_size, 'size unknown'), autoStop].join(' · '),
      raw,
    };
  },
  alreadyDone: (observed) =>
    observed.state === 'STOPPED' || observed.state === 'STOPPING'
      ? `The SQL warehouse ${observed.label} is already ${observed.state.toLowerCase()}.`
      : undefined,
  change: (observed) => [
    `State ${observed.state} → STOPPED (warehouses stop).`,
    'The next query starts it again.',
  ],
  execute: async (api, id) => {
    await api.rest('POST', `/api/2.0/sql/warehouses/${encodeURIComponent(id)}/stop`, {});
  },
  verify: (observed) =>
    observed.state === 'STOPPED' ? 'done' : observed.state === 'STOPPING' ? 'settling' : 'not done',
};
