import type { Logger } from '../logging/logger.js';
import { chatPeopleOfAccountUsers } from '../people/account-users-in-chat.js';
import type { ChatUser } from '../ports/chat-user.js';
import type { Clock } from '../ports/clock.js';
import type { DatabricksAccountPort } from '../ports/databricks-account.js';
import type { UserDirectory } from '../ports/notifier.js';
import type { ApproverGroups } from './policy/access-policy.js';

export interface ApproverGroupSources {
  databricks: DatabricksAccountPort;
  directory: UserDirectory;
  clock: Clock;
  log: Logger;
}

/** How long a group's members are reused before SCIM or Slack is asked again. */
export const APPROVER_GROUP_CACHE_SECONDS = 5 * 60;
/** Members of one group resolved at most (a SCIM user read each). */
const MAX_MEMBERS = 100;

/**
 * The chat people in the approver groups a policy names: a Databricks account group's members
 * (SCIM: group by name → member ids → each user's e-mail → that person on every chat platform)
 * and a Slack user group's members. Each group's answer is kept for a few minutes in this
 * process, so a burst of requests asks SCIM and Slack once. Call it outside any transaction.
 */
export class ApproverGroupMembers {
  private readonly cache = new Map<string, { until: number; members: Promise<ChatUser[]> }>();

  constructor(
    private readonly sources: ApproverGroupSources,
    private readonly cacheSeconds = APPROVER_GROUP_CACHE_SECONDS,
  ) {}

  async of(groups: ApproverGroups): Promise<ChatUser[]> {
    const lists: ChatUser[][] = [];
    for (const name of groups.databricksGroups) {
      lists.push(await this.cached(`databricks:${name.toLowerCase()}`, () => this.databricksGroup(name)));
    }
    for (const id of groups.slackUserGroups) {
      lists.push(await this.cached(`slack:${id}`, () => this.slackUserGroup(id)));
    }
    return lists.flat();
  }

  /** A fresh answer, or the one being fetched (a failure is not kept). */
  private cached(key: string, load: () => Promise<ChatUser[]>): Promise<ChatUser[]> {
    const now = this.sources.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.members;
    const entry = { until: now + this.cacheSeconds * 1000, members: load() };
    this.cache.set(key, entry);
    entry.members.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return entry.members;
  }

  private async databricksGroup(name: string): Promise<ChatUser[]> {
    const { databricks, directory, log } = this.sources;
    const group = await databricks.findGroupByName(name);
    if (!group) {
      log.warn({ approverGroup: name }, 'approver group not found in the Databricks account');
      return [];
    }
    if (group.memberIds.length > MAX_MEMBERS) {
      log.warn(
        { approverGroup: name, members: group.memberIds.length },
        'approver group too large: truncated',
      );
    }
    return chatPeopleOfAccountUsers(
      databricks,
      group.memberIds.slice(0, MAX_MEMBERS),
      async (email) => (await directory.usersWithEmail?.(email)) ?? [],
      (userId) => log.warn({ approverGroup: name, userId }, 'approver not found on any chat platform'),
    );
  }

  private async slackUserGroup(id: string): Promise<ChatUser[]> {
    const members = await this.sources.directory.membersOfUserGroup?.({ platform: 'slack', id });
    if (members === undefined) {
      this.sources.log.warn({ slackUserGroup: id }, 'approver Slack user group not found');
      return [];
    }
    return members;
  }
}
