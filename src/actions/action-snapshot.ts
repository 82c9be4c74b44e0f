import type { RemediationActionRow } from '../db/tables/remediation-actions.js';
import { formatChatUser, parseChatUser, type ChatUser } from '../ports/chat-user.js';
import type { ChatChannel } from '../ports/notifier.js';
import type { ActionPolicy } from './policy/action-policy.js';

/** The rules an action was requested under, stored with it so later policy edits do not change it. */
export interface ActionPolicySnapshot {
  approvers: string[];
  approvalChannels: ChatChannel[];
  minApprovals: number;
  approvalTimeoutSeconds: number;
  /** The auto-approve rule that let it through, in words. */
  autoApprovedBy?: string;
}

/** What the request card showed: the resource as read when requested, and the change. */
export interface ActionPreview {
  resource: string;
  summary: string;
  state: string;
  change: string[];
}

export function snapshotOfPolicy(policy: ActionPolicy, autoApprovedBy?: string): ActionPolicySnapshot {
  return {
    approvers: policy.approvers.map(formatChatUser),
    approvalChannels: policy.approvalChannels,
    minApprovals: policy.minApprovals,
    approvalTimeoutSeconds: policy.approvalTimeoutSeconds,
    ...(autoApprovedBy ? { autoApprovedBy } : {}),
  };
}

export const actionPolicyOf = (row: Pick<RemediationActionRow, 'policy'>) =>
  row.policy as ActionPolicySnapshot;
export const previewOf = (row: Pick<RemediationActionRow, 'preview'>) => row.preview as ActionPreview;
export const actionApproversOf = (row: Pick<RemediationActionRow, 'policy'>): ChatUser[] =>
  actionPolicyOf(row).approvers.map(parseChatUser);
