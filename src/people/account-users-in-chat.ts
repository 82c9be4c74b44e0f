import type { ChatUser } from '../ports/chat-user.js';
import type { DatabricksAccountPort } from '../ports/databricks-account.js';

/**
 * Databricks account users (by SCIM id) as chat people: one SCIM user read each, then their
 * e-mail (the userName) looked up with `find`. Inactive users, ids that are not users (nested
 * groups, service principals) are skipped; users no chat platform knows are reported to `unknown`.
 */
export async function chatPeopleOfAccountUsers(
  databricks: Pick<DatabricksAccountPort, 'getUser'>,
  userIds: string[],
  find: (email: string) => Promise<ChatUser[]>,
  unknown: (userId: string) => void,
): Promise<ChatUser[]> {
  const people: ChatUser[] = [];
  for (const userId of userIds) {
    const user = await databricks.getUser(userId);
    if (!user?.active) continue;
    const found = await find(user.userName);
    if (found.length === 0) unknown(userId);
    people.push(...found);
  }
  return people;
}
