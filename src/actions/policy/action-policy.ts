import { usersOf } from '../../access/policy/access-policy.js';
import { sameUser } from '../../access/policy/policy-decisions.js';
import type { ChatUser } from '../../ports/chat-user.js';
import type { ChatChannel } from '../../ports/notifier.js';
import type { ActionKindName } from '../action-kind.js';
import type { ActionsPolicyFile } from './action-policy-schema.js';

export interface ActionAutoApproveRule {
  idleForMoreThanSeconds?: number;
  workspaces?: string[];
  requesterUsers?: ChatUser[];
}

/** The rules for one action, as the policy file states them. */
export interface ActionPolicy {
  kind: ActionKindName;
  requesters: 'everyone' | ChatUser[];
  approvers: ChatUser[];
  approvalChannels: ChatChannel[];
  minApprovals: number;
  approvalTimeoutSeconds: number;
  autoApprove: ActionAutoApproveRule[];
}

/** What the rules may depend on. */
export interface ActionFacts {
  requester: ChatUser;
  workspaceName: string;
  /** Seconds since the resource's last activity (clusters), when known. */
  idleSeconds?: number;
}

export function toActionPolicies(file: ActionsPolicyFile, owners: ChatUser[]): ActionPolicy[] {
  return Object.entries(file).flatMap(([kind, action]) => {
    if (!action) return [];
    const own = usersOf(action.approvers);
    const channels: ChatChannel[] = [
      ...(action.approvers.slack_channel
        ? [{ platform: 'slack' as const, id: action.approvers.slack_channel }]
        : []),
      ...(action.approvers.teams_channel
        ? [{ platform: 'teams' as const, id: action.approvers.teams_channel }]
        : []),
      ...(action.approvers.sandbox_channel
        ? [{ platform: 'sandbox' as const, id: action.approvers.sandbox_channel }]
        : []),
    ];
    return [
      {
        kind: kind as ActionKindName,
        requesters: action.requesters === 'everyone' ? 'everyone' : usersOf(action.requesters),
        approvers: own.length > 0 ? own : owners,
        approvalChannels: channels,
        minApprovals: action.min_approvals,
        approvalTimeoutSeconds: action.approval_timeout,
        autoApprove: action.auto_approve.map((rule) => ({
          ...(rule.idle_for_more_than !== undefined
            ? { idleForMoreThanSeconds: rule.idle_for_more_than }
            : {}),
          ...(rule.workspaces ? { workspaces: rule.workspaces } : {}),
          ...(rule.requester_slack_users || rule.requester_teams_users || rule.requester_sandbox_users
            ? {
                requesterUsers: usersOf({
                  slack_users: rule.requester_slack_users ?? [],
                  teams_users: rule.requester_teams_users ?? [],
                  sandbox_users: rule.requester_sandbox_users ?? [],
                }),
              }
            : {}),
        })),
      },
    ];
  });
}

export function findActionPolicy(policies: ActionPolicy[] | undefined, kind: ActionKindName) {
  return (policies ?? []).find((policy) => policy.kind === kind);
}

export function mayRequestAction(policy: ActionPolicy, requester: ChatUser): boolean {
  return policy.requesters === 'everyone' || policy.requesters.some((user) => sameUser(user, requester));
}

/** The auto-approve rule that matches (every condition of a rule must hold), if any. */
export function autoApprovalRule(
  policy: ActionPolicy,
  facts: ActionFacts,
): ActionAutoApproveRule | undefined {
  return policy.autoApprove.find(
    (rule) =>
      (rule.idleForMoreThanSeconds === undefined ||
        (facts.idleSeconds !== undefined && facts.idleSeconds > rule.idleForMoreThanSeconds)) &&
      (rule.workspaces === undefined ||
        rule.workspaces.some((name) => name.toLowerCase() === facts.workspaceName.toLowerCase())) &&
      (rule.requesterUsers === undefined ||
        rule.requesterUsers.some((user) => sameUser(user, facts.requester))),
  );
}
