import { z } from 'zod';
import { discoverGroups } from '../src/governance/discover-groups.js';
import { defineJob } from './job-definition.js';

/**
 * Every hour (at :17, so replicas and restarts do not add runs): reads every account group and
 * its members within the discovery read budget and stores the snapshot. One run at a time.
 */
export const discoverGroupsJob = defineJob({
  queue: 'discover-groups',
  payload: z.object({}),
  concurrency: 1,
  options: { attempts: 3, removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } },
  schedule: { every: { cron: '17 * * * *' }, payload: {} },
  handle: async (_payload, { deps }) => {
    const result = await discoverGroups(deps.governance);
    return {
      groups: result.groups,
      members: result.members,
      requests: result.requests,
      changedGroups: result.changedGroups,
    };
  },
});
