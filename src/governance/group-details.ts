import { sql } from 'kysely';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import type { MemberType } from '../db/tables/access-governance.js';
import { NotFound } from '../errors/domain-errors.js';
import type { GovernanceDeps } from './governance-deps.js';
import { databricksGroupNamed, ownershipOf, type GroupOwnership } from './group-owners.js';
import { lastDiscoveryAt } from './list-groups.js';

export interface StandingMember {
  id: string;
  display: string;
  type: MemberType;
}

export interface GroupChange {
  memberDisplay: string;
  change: 'added' | 'removed';
  observedAt: Date;
  outsideBot: boolean;
}

export interface GroupDetails extends GroupOwnership {
  groupId: string;
  name: string;
  /** Members the bot did not add for a grant. */
  standing: StandingMember[];
  activeGrants: AccessRequestRow[];
  recentChanges: GroupChange[];
  discoveredAt: Date | undefined;
}

const RECENT_CHANGES = 10;

/** Looks a discovered group up by display name or policy key. */
export async function findDiscoveredGroup(deps: GovernanceDeps, name: string) {
  const wanted = databricksGroupNamed(deps.policy, name).toLowerCase();
  return deps.db
    .selectFrom('discovered_groups')
    .selectAll()
    .where('gone_at', 'is', null)
    .where(sql<boolean>`lower(display_name) = ${wanted}`)
    .executeTakeFirst();
}

/** Members the bot added for grants (not standing), of one group. */
export async function botGrantedMembers(deps: GovernanceDeps, groupId: string): Promise<Set<string>> {
  const rows = await deps.db
    .selectFrom('group_memberships')
    .select('databricks_user_id')
    .where('databricks_group_id', '=', groupId)
    .where('standing', '=', false)
    .execute();
  return new Set(rows.map((row) => row.databricks_user_id));
}

/** Standing members of a discovered group: its members minus those the bot added for a grant. */
export async function standingMembersOf(deps: GovernanceDeps, groupId: string): Promise<StandingMember[]> {
  const granted = await botGrantedMembers(deps, groupId);
  const members = await deps.db
    .selectFrom('discovered_group_members')
    .select(['member_id', 'display', 'member_type'])
    .where('databricks_group_id', '=', groupId)
    .orderBy(sql`lower(display)`)
    .orderBy('member_id')
    .execute();
  return members
    .filter((member) => !granted.has(member.member_id))
    .map((member) => ({ id: member.member_id, display: member.display, type: member.member_type }));
}

/** `group <name>`: standing members, active grants, recent changes and owners. */
export async function groupDetails(deps: GovernanceDeps, name: string): Promise<GroupDetails> {
  const group = await findDiscoveredGroup(deps, name);
  if (!group) {
    throw new NotFound(
      `I have not discovered a group named "${name.slice(0, 80)}". \`groups <filter>\` lists the groups I know.`,
    );
  }
  const activeGrants = await deps.db
    .selectFrom('access_requests')
    .selectAll()
    .where('state', '=', 'active')
    .where(sql<boolean>`lower(databricks_group) = ${group.display_name.toLowerCase()}`)
    .orderBy('ends_at')
    .execute();
  const changes = await deps.db
    .selectFrom('group_member_changes')
    .selectAll()
    .where('databricks_group_id', '=', group.databricks_group_id)
    .orderBy('observed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(RECENT_CHANGES)
    .execute();
  return {
    ...ownershipOf(deps.policy, group.display_name),
    groupId: group.databricks_group_id,
    name: group.display_name,
    standing: await standingMembersOf(deps, group.databricks_group_id),
    activeGrants,
    recentChanges: changes.map((change) => ({
      memberDisplay: change.member_display,
      change: change.change,
      observedAt: change.observed_at,
      outsideBot: change.outside_bot,
    })),
    discoveredAt: await lastDiscoveryAt(deps),
  };
}
