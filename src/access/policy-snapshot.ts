import type { AccessRequestRow } from '../db/tables/access-requests.js';
import type { GroupPolicy } from './policy/access-policy.js';

/** The rules a request was made under, stored with it so later policy edits do not change it. */
export interface PolicySnapshot {
  approverSlackUsers: string[];
  approvalChannel: string | undefined;
  minApprovals: number;
  maxDurationSeconds: number;
  requireReason: boolean;
  approvalTimeoutSeconds: number;
  autoApproved: boolean;
}

export function snapshotOf(group: GroupPolicy, autoApproved: boolean): PolicySnapshot {
  return {
    approverSlackUsers: group.approverSlackUsers,
    approvalChannel: group.approvalChannel,
    minApprovals: group.minApprovals,
    maxDurationSeconds: group.maxDurationSeconds,
    requireReason: group.requireReason,
    approvalTimeoutSeconds: group.approvalTimeoutSeconds,
    autoApproved,
  };
}

export function policyOf(request: Pick<AccessRequestRow, 'policy'>): PolicySnapshot {
  return request.policy as PolicySnapshot;
}
