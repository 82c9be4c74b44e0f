import { z } from 'zod';
import { sendFindingDigest } from '../src/findings/send-finding-digest.js';
import { defineJob } from './job-definition.js';

/** Daily at 09:00 UTC: low-severity agent findings as one digest per workspace. */
export const agentScanDigestJob = defineJob({
  queue: 'agent-scan-digest',
  payload: z.object({}),
  options: { attempts: 3, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: { cron: '0 9 * * *' }, payload: {} },
  handle: async (_payload, { deps }) => ({ findings: await sendFindingDigest(deps.findings) }),
});
