import { formatChatUser, type ChatUser } from '../../ports/chat-user.js';
import { ApproverGroupMembers, type ApproverGroupSources } from '../approver-group-members.js';
import type { GroupPolicy } from './access-policy.js';

/**
 * The approvers of a group as chat users, found when a request is filed: those the policy lists
 * per platform, each person it names by e-mail on every platform that knows them (Slack
 * users.lookupByEmail; on Teams the e-mail is the id), and the members of the Databricks account
 * groups and Slack user groups it names (cached by `approverGroups`). Stored with the request, so
 * later policy, directory or group changes do not change who decides it.
 */
export async function approversOfGroup(
  deps: ApproverGroupSources & { approverGroups?: ApproverGroupMembers },
  group: GroupPolicy,
): Promise<ChatUser[]> {
  const approvers = new Map(group.approvers.map((user) => [formatChatUser(user).toLowerCase(), user]));
  const add = (user: ChatUser) => approvers.set(formatChatUser(user).toLowerCase(), user);
  for (const email of group.approverEmails) {
    for (const user of (await deps.directory.usersWithEmail?.(email)) ?? []) add(user);
  }
  const members = deps.approverGroups ?? new ApproverGroupMembers(deps);
  for (const user of await members.of(group.approverGroups)) add(user);
  return [...approvers.values()];
}
