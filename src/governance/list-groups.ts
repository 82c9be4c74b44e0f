import { sql } from 'kysely';
import type { ChatUser } from '../ports/chat-user.js';
import type { GovernanceDeps } from './governance-deps.js';
import { ownershipOf } from './group-owners.js';

export interface GroupSummary {
  groupId: string;
  name: string;
  memberCount: number;
  /** The policy key when people can request the group. */
  requestableAs: string | undefined;
  owners: ChatUser[];
  ownerGroup: string | undefined;
}

export interface GroupList {
  groups: GroupSummary[];
  /** How many groups match, of which `groups` are the first. */
  total: number;
  /** When discovery last finished, or undefined when it never has. */
  discoveredAt: Date | undefined;
}

export const GROUPS_SHOWN = 30;

/** Discovered groups whose name contains `filter` (case-insensitive), by name, with owners. */
export async function listGroups(deps: GovernanceDeps, filter: string | undefined): Promise<GroupList> {
  let query = deps.db.selectFrom('discovered_groups').where('gone_at', 'is', null);
  const wanted = filter?.trim().toLowerCase() ?? '';
  if (wanted !== '') {
    query = query.where(sql<boolean>`strpos(lower(display_name), ${wanted}) > 0`);
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['databricks_group_id', 'display_name', 'member_count'])
    .orderBy(sql`lower(display_name)`)
    .limit(GROUPS_SHOWN)
    .execute();
  return {
    groups: rows.map((row) => {
      const ownership = ownershipOf(deps.policy, row.display_name);
      return {
        groupId: row.databricks_group_id,
        name: row.display_name,
        memberCount: row.member_count,
        requestableAs: ownership.policy?.key,
        owners: ownership.owners,
        ownerGroup: ownership.ownerGroup,
      };
    }),
    total: Number(total.n),
    discoveredAt: await lastDiscoveryAt(deps),
  };
}

export async function lastDiscoveryAt(deps: GovernanceDeps): Promise<Date | undefined> {
  const run = await deps.db
    .selectFrom('discovery_runs')
    .select('finished_at')
    .where('state', '=', 'done')
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return run?.finished_at ?? undefined;
}
