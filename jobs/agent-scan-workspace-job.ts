import { z } from 'zod';
import { scanWorkspace } from '../src/agents/scan-workspace.js';
import { defineJob } from './job-definition.js';

/**
 * One scan cycle of a connected workspace, fired by its own job scheduler (every
 * AGENT_SCAN_INTERVAL_SECONDS, see agent-scan-job-scheduler.ts). No retries: the next cycle
 * rereads the window and resumes where this one stopped.
 */
export const agentScanWorkspaceJob = defineJob({
  queue: 'agent-scan-workspace',
  payload: z.object({ connectorId: z.string().uuid() }),
  options: { attempts: 1, removeOnComplete: { count: 1_000 }, removeOnFail: { count: 1_000 } },
  concurrency: 2,
  handle: async ({ connectorId }, { deps, log }) => {
    const summary = await scanWorkspace(deps.agents, connectorId);
    if (!summary) log.info({ connectorId }, 'agent scan skipped: the connector no longer exists');
    return summary ?? { skipped: true };
  },
});
