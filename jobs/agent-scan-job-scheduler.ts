import type { AgentScanSchedules } from '../src/agents/scan-schedules.js';
import { agentScanWorkspaceJob } from './agent-scan-workspace-job.js';
import type { JobQueues } from './job-queues.js';

const SCHEDULER_PREFIX = 'agent-scan-';

/** One BullMQ job scheduler per connected workspace, with a deterministic id (`agent-scan-<connectorId>`). */
export function agentScanJobScheduler(queues: JobQueues): AgentScanSchedules {
  const queue = () => queues.queueFor(agentScanWorkspaceJob);
  return {
    schedule: async (connectorId, everySeconds) => {
      await queue().upsertJobScheduler(
        `${SCHEDULER_PREFIX}${connectorId}`,
        { every: Math.max(60, everySeconds) * 1000 },
        { name: agentScanWorkspaceJob.queue, data: agentScanWorkspaceJob.payload.parse({ connectorId }) },
      );
    },
    unschedule: async (connectorId) => {
      await queue().removeJobScheduler(`${SCHEDULER_PREFIX}${connectorId}`);
    },
    scheduled: async () =>
      (await queue().getJobSchedulers(0, -1))
        .map((scheduler) => scheduler.key)
        .filter((key) => key.startsWith(SCHEDULER_PREFIX))
        .map((key) => key.slice(SCHEDULER_PREFIX.length)),
  };
}
