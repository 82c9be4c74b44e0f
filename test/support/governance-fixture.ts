import type { FakeDatabricksAccounts } from '../fakes/fake-databricks-accounts.js';
import type { TestBot } from './test-bot.js';

/** A small deterministic generator, so every run seeds the same account. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface GovernanceAccount {
  /** Every group of the account: id → display name (seeded ones and the bulk). */
  groupNames: Map<string, string>;
  bulkUserIds: string[];
}

/**
 * Adds `users` users and `groups` groups of `membersPerGroup` members each (drawn from the
 * users with a fixed seed) to the fake account, on top of what the test seeded already.
 */
export function seedBulkAccount(
  databricks: FakeDatabricksAccounts,
  options: { users: number; groups: number; membersPerGroup: number },
): GovernanceAccount {
  const random = seededRandom(18);
  const bulkUserIds: string[] = [];
  for (let i = 0; i < options.users; i++) {
    const n = String(i).padStart(4, '0');
    bulkUserIds.push(databricks.addUser({ userName: `user${n}@example.com`, displayName: `User ${n}` }).id);
  }
  const groupNames = new Map<string, string>();
  for (let g = 0; g < options.groups; g++) {
    const members = new Set<string>();
    while (members.size < options.membersPerGroup) {
      members.add(bulkUserIds[Math.floor(random() * bulkUserIds.length)]!);
    }
    const group = databricks.addGroup({
      displayName: `team-${String(g).padStart(3, '0')}`,
      memberIds: [...members],
    });
    groupNames.set(group.id, group.displayName);
  }
  return { groupNames, bulkUserIds };
}

/** The members discovery stored for a group, sorted. */
export async function storedMembers(bot: TestBot, groupId: string): Promise<string[]> {
  const rows = await bot.db
    .selectFrom('discovered_group_members')
    .select('member_id')
    .where('databricks_group_id', '=', groupId)
    .execute();
  return rows.map((row) => row.member_id).sort();
}

/** `GET /Groups` list requests the fake answered, with their arrival times. */
export function groupPageReads(bot: TestBot) {
  return bot.databricks.requests.filter(
    (request) => request.method === 'GET' && request.path.endsWith('/scim/v2/Groups'),
  );
}

/** True when no rolling second holds more than `perSecond` of these arrival times. */
export function withinRate(times: number[], perSecond: number): boolean {
  const sorted = [...times].sort((a, b) => a - b);
  for (let i = perSecond; i < sorted.length; i++) {
    if (sorted[i]! - sorted[i - perSecond]! < 1000) return false;
  }
  return true;
}

/** The review cards of a campaign, by owner and group. */
export async function reviewCards(bot: TestBot, campaignId: string) {
  return bot.db
    .selectFrom('review_cards')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('group_name')
    .orderBy('owner')
    .execute();
}

export async function reviewItems(bot: TestBot, campaignId: string) {
  return bot.db
    .selectFrom('review_items')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('group_name')
    .orderBy('member_display')
    .execute();
}

export async function latestCampaign(bot: TestBot) {
  return bot.db
    .selectFrom('review_campaigns')
    .selectAll()
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}
