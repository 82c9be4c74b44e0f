import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { formatChatUser, parseChatUser, type ChatUser } from '../ports/chat-user.js';
import type { ChatChannel } from '../ports/notifier.js';
import type { GroupPolicy } from './policy/access-policy.js';

/** The rules a request was made under, stored with it so later policy edits do not change it. */
export interface PolicySnapshot {
  /** Approvers as `<platform>:<id>` (so Postgres can index and search them). */
  approvers: string[];
  approvalChannels: ChatChannel[];
  minApprovals: number;
  maxDurationSeconds: number;
  requireReason: boolean;
  approvalTimeoutSeconds: number;
  autoApproved: boolean;
}

export function snapshotOf(
  group: GroupPolicy,
  autoApproved: boolean,
  approvers: ChatUser[] = group.approvers,
): PolicySnapshot {
  return {
    approvers: approvers.map(formatChatUser),
    approvalChannels: group.approvalChannels,
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

/** The approvers of a request, as people. */
export function approversOf(request: Pick<AccessRequestRow, 'policy'>): ChatUser[] {
  return policyOf(request).approvers.map(parseChatUser);
}
