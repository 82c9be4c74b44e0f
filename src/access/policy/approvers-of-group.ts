import { formatChatUser, type ChatUser } from '../../ports/chat-user.js';
import type { UserDirectory } from '../../ports/notifier.js';
import type { GroupPolicy } from './access-policy.js';

/**
 * The approvers of a group as chat users, found when a request is filed: those the policy lists
 * per platform, and each person it names by e-mail on every platform that knows them (Slack
 * users.lookupByEmail; on Teams the e-mail is the id). Stored with the request, so later policy
 * or directory changes do not change who decides it.
 */
export async function approversOfGroup(directory: UserDirectory, group: GroupPolicy): Promise<ChatUser[]> {
  const approvers = new Map(group.approvers.map((user) => [formatChatUser(user).toLowerCase(), user]));
  for (const email of group.approverEmails) {
    for (const user of (await directory.usersWithEmail?.(email)) ?? []) {
      approvers.set(formatChatUser(user).toLowerCase(), user);
    }
  }
  return [...approvers.values()];
}
