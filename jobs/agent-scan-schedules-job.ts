import { z } from 'zod';
import { syncScanSchedules } from '../src/agents/scan-schedules.js';
import { defineJob } from './job-definition.js';

/** Every minute and at worker start: one scan schedule per connected workspace, none for deleted ones. */
export const agentScanSchedulesJob = defineJob({
  queue: 'agent-scan-schedules',
  payload: z.object({}),
  options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: { everyMs: 60_000 }, payload: {}, runOnStart: true },
  handle: async (_payload, { deps, log }) => {
    const { agents } = deps;
    const result = await syncScanSchedules(agents.db, agents.schedules, agents.config.everySeconds);
    if (result.removed > 0) log.info(result, 'agent scan schedules synced');
    return result;
  },
});
