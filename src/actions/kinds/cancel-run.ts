import { Conflict } from '../../errors/domain-errors.js';
import { readResource, text, type ActionKind } from '../action-kind.js';

const ACTIVE = new Set(['PENDING', 'QUEUED', 'RUNNING', 'BLOCKED', 'WAITING_FOR_RETRY']);

/** `POST /api/2.1/jobs/runs/cancel`: cancels an active run (asynchronously; read back until TERMINATED). */
export const cancelRun: ActionKind = {
  name: 'cancel-run',
  title: 'Cancel job run',
  resource: 'job run',
  observe: async (api, runId) => {
    if (!/^\d+$/.test(runId)) throw new Conflict(`"${runId.slice(0, 40)}" is not a run id (digits).`);
    const raw = await readResource(api, `/api/2.1/jobs/runs/get?run_id=${runId}`, `The run ${runId}`);
    const runState = (raw.state ?? {}) as Record<string, unknown>;
    const lifeCycle = text(runState.life_cycle_state, 'UNKNOWN');
    const result = typeof runState.result_state === 'string' ? runState.result_state : undefined;
    const state = result ? `${lifeCycle}/${result}` : lifeCycle;
    return {
      label: `${text(raw.run_name, 'run')} (run ${runId} of job ${text(raw.job_id)})`,
      state,
      summary: state,
      raw,
    };
  },
  alreadyDone: (observed) =>
    ACTIVE.has(observed.state)
      ? undefined
      : `The run ${observed.label} is not active (it is ${observed.state}).`,
  change: (observed) => [`Run ${observed.state} → TERMINATED/CANCELED (jobs/runs/cancel).`],
  execute: async (api, runId) => {
    await api.rest('POST', '/api/2.1/jobs/runs/cancel', { run_id: Number(runId) });
  },
  verify: (observed) =>
    observed.state.startsWith('TERMINATED') ||
    observed.state.startsWith('SKIPPED') ||
    observed.state.startsWith('INTERNAL_ERROR')
      ? 'done'
      : observed.state === 'TERMINATING'
        ? 'settling'
        : 'not done',
};
