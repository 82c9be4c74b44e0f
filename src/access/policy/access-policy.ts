import type { ChatUser } from '../../ports/chat-user.js';
import type { ChatChannel } from '../../ports/notifier.js';
import type { PolicyFile } from './policy-schema.js';
import { toActionPolicies, type ActionPolicy } from '../../actions/policy/action-policy.js';

/** Who may ask: everyone, or listed people and members of listed Databricks groups. */
export type Requesters = 'everyone' | { users: ChatUser[]; emails: string[]; databricksGroups: string[] };

export interface AutoApproveRule {
  maxDurationSeconds?: number;
  requesterUsers?: ChatUser[];
  /** People by e-mail, whichever platform they ask from. */
  requesterEmails?: string[];
  requesterDatabricksGroups?: string[];
}

/** Approvers named by group: their members are found when a request is filed. */
export interface ApproverGroups {
  /** Databricks account groups, by display name (members read through SCIM). */
  databricksGroups: string[];
  /** Slack user group ids (S…), read with usergroups.users.list. */
  slackUserGroups: string[];
}

/** The rules for one requestable group, as the policy file states them. */
export interface GroupPolicy {
  /** The name people type (the key in the policy file). */
  key: string;
  databricksGroup: string;
  description: string | undefined;
  requesters: Requesters;
  /** Who may approve (the group's own approvers, or the integration owners), on any platform. */
  approvers: ChatUser[];
  /** Approvers named by e-mail: found on every platform when a request is filed. */
  approverEmails: string[];
  /** Groups whose members approve too (resolved and cached when a request is filed). */
  approverGroups: ApproverGroups;
  /** Channels that also get the approval card. */
  approvalChannels: ChatChannel[];
  minApprovals: number;
  maxDurationSeconds: number;
  /** The shortest grant that may be requested. */
  minDurationSeconds: number;
  defaultDurationSeconds: number;
  requireReason: boolean;
  approvalTimeoutSeconds: number;
  autoApprove: AutoApproveRule[];
  /** A Databricks group whose members also own this group (review its standing members). */
  ownerDatabricksGroup?: string;
}

/** Access reviews the policy schedules, e.g. every quarter with 14 days to decide. */
export interface ReviewSchedule {
  every: 'monthly' | 'quarterly' | 'yearly';
  dueSeconds: number;
  /** How long before the due date owners with undecided members are reminded. */
  remindBeforeSeconds: number;
  /** `all-requestable`, or policy group keys. */
  groups: 'all-requestable' | string[];
}

export interface AccessPolicy {
  groups: GroupPolicy[];
  /** Remediation actions' rules (the policy file's `actions:` section); none: no action allowed. */
  actions?: ActionPolicy[];
  /** Approval and audit channels show the requester's e-mail (off by default; DMs always do). */
  showRequesterEmailInChannels?: boolean;
  /** Fallback approvers; they also own discovered groups the policy does not name, and get review escalations. */
  integrationOwners?: ChatUser[];
  reviews?: ReviewSchedule;
}

/** Teams people are known by their (lower-case) e-mail address. */
export function usersOf(list: {
  slack_users: string[];
  teams_users: string[];
  sandbox_users?: string[];
}): ChatUser[] {
  return [
    ...list.slack_users.map((id) => ({ platform: 'slack' as const, id })),
    ...list.teams_users.map((id) => ({ platform: 'teams' as const, id })),
    ...(list.sandbox_users ?? []).map((id) => ({ platform: 'sandbox' as const, id })),
  ];
}

function approverGroupsOf(list: { databricks_groups: string[]; slack_usergroups: string[] }): ApproverGroups {
  return { databricksGroups: list.databricks_groups, slackUserGroups: list.slack_usergroups };
}

export function toAccessPolicy(file: PolicyFile): AccessPolicy {
  const owners = usersOf(file.integration_owners);
  return {
    actions: toActionPolicies(file.actions, owners),
    showRequesterEmailInChannels: file.show_requester_email_in_channels,
    integrationOwners: owners,
    ...(file.reviews
      ? {
          reviews: {
            every: file.reviews.every,
            dueSeconds: file.reviews.due,
            remindBeforeSeconds: file.reviews.remind_before,
            groups: file.reviews.groups,
          },
        }
      : {}),
    groups: Object.entries(file.groups).map(([key, group]) => {
      const own = usersOf(group.approvers);
      const ownEmails = group.approvers.people;
      const ownGroups = approverGroupsOf(group.approvers);
      const hasOwn =
        own.length + ownEmails.length + ownGroups.databricksGroups.length + ownGroups.slackUserGroups.length >
        0;
      return {
        key,
        databricksGroup: group.databricks_group,
        description: group.description,
        requesters:
          group.requesters === 'everyone'
            ? 'everyone'
            : {
                users: usersOf(group.requesters),
                emails: group.requesters.people,
                databricksGroups: group.requesters.databricks_groups,
              },
        approvers: hasOwn ? own : owners,
        approverEmails: hasOwn ? ownEmails : file.integration_owners.people,
        approverGroups: hasOwn ? ownGroups : approverGroupsOf(file.integration_owners),
        approvalChannels: [
          ...(group.approvers.slack_channel
            ? [{ platform: 'slack' as const, id: group.approvers.slack_channel }]
            : []),
          ...(group.approvers.teams_channel
            ? [{ platform: 'teams' as const, id: group.approvers.teams_channel }]
            : []),
          ...(group.approvers.sandbox_channel
            ? [{ platform: 'sandbox' as const, id: group.approvers.sandbox_channel }]
            : []),
        ],
        minApprovals: group.min_approvals,
        maxDurationSeconds: group.max_duration,
        minDurationSeconds: group.min_duration,
        defaultDurationSeconds: group.default_duration ?? Math.min(group.max_duration, 3600),
        requireReason: group.require_reason,
        ...(group.owners ? { ownerDatabricksGroup: group.owners.databricks_group } : {}),
        approvalTimeoutSeconds: group.approval_timeout,
        autoApprove: group.auto_approve.map((rule) => ({
          maxDurationSeconds: rule.max_duration,
          requesterUsers:
            rule.requester_slack_users || rule.requester_teams_users
              ? usersOf({
                  slack_users: rule.requester_slack_users ?? [],
                  teams_users: rule.requester_teams_users ?? [],
                })
              : undefined,
          requesterEmails: rule.requester_people,
          requesterDatabricksGroups: rule.requester_databricks_groups,
        })),
      };
    }),
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
