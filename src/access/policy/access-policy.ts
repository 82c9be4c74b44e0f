import type { PolicyFile } from './policy-schema.js';

/** Who may ask: everyone, or listed people and members of listed Databricks groups. */
export type Requesters = 'everyone' | { slackUsers: string[]; databricksGroups: string[] };

export interface AutoApproveRule {
  maxDurationSeconds?: number;
  requesterSlackUsers?: string[];
  requesterDatabricksGroups?: string[];
}

/** The rules for one requestable group, as the policy file states them. */
export interface GroupPolicy {
  /** The name people type (the key in the policy file). */
  key: string;
  databricksGroup: string;
  description: string | undefined;
  requesters: Requesters;
  /** Slack user ids that may approve (the group's own, or the integration owners). */
  approverSlackUsers: string[];
  approvalChannel: string | undefined;
  minApprovals: number;
  maxDurationSeconds: number;
  defaultDurationSeconds: number;
  requireReason: boolean;
  approvalTimeoutSeconds: number;
  autoApprove: AutoApproveRule[];
}

export interface AccessPolicy {
  groups: GroupPolicy[];
}

export function toAccessPolicy(file: PolicyFile): AccessPolicy {
  const owners = file.integration_owners.slack_users;
  return {
    groups: Object.entries(file.groups).map(([key, group]) => ({
      key,
      databricksGroup: group.databricks_group,
      description: group.description,
      requesters:
        group.requesters === 'everyone'
          ? 'everyone'
          : {
              slackUsers: group.requesters.slack_users,
              databricksGroups: group.requesters.databricks_groups,
            },
      approverSlackUsers: group.approvers.slack_users.length > 0 ? group.approvers.slack_users : owners,
      approvalChannel: group.approvers.slack_channel,
      minApprovals: group.min_approvals,
      maxDurationSeconds: group.max_duration,
      defaultDurationSeconds: group.default_duration ?? Math.min(group.max_duration, 3600),
      requireReason: group.require_reason,
      approvalTimeoutSeconds: group.approval_timeout,
      autoApprove: group.auto_approve.map((rule) => ({
        maxDurationSeconds: rule.max_duration,
        requesterSlackUsers: rule.requester_slack_users,
        requesterDatabricksGroups: rule.requester_databricks_groups,
      })),
    })),
  };
}

/** The group someone means: by policy name, or by the Databricks group's display name. */
export function findGroupPolicy(policy: AccessPolicy, name: string): GroupPolicy | undefined {
  const wanted = name.trim().toLowerCase();
  return (
    policy.groups.find((group) => group.key === wanted) ??
    policy.groups.find((group) => group.databricksGroup.toLowerCase() === wanted)
  );
}
