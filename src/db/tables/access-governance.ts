import type { ColumnType, Generated, Selectable } from 'kysely';

export interface DiscoveryRunsTable {
  id: string;
  started_at: Date;
  finished_at: Date | null;
  state: 'running' | 'done' | 'failed';
  groups: ColumnType<number, number | undefined, number>;
  members: ColumnType<number, number | undefined, number>;
  /** SCIM requests the run sent (pages of groups, and groups read alone). */
  requests: ColumnType<number, number | undefined, number>;
  changed_groups: ColumnType<number, number | undefined, number>;
  error: string | null;
}

/** The latest snapshot of one account group; `gone_at` once a run no longer saw it. */
export interface DiscoveredGroupsTable {
  databricks_group_id: string;
  display_name: string;
  member_count: number;
  /** Digest of the sorted member ids: a group whose digest is unchanged is not rewritten. */
  members_digest: string;
  first_seen_at: Date;
  last_seen_at: Date;
  last_changed_at: Date;
  gone_at: Date | null;
}

export type MemberType = 'user' | 'group' | 'service_principal';

export interface DiscoveredGroupMembersTable {
  databricks_group_id: string;
  member_id: string;
  member_type: MemberType;
  display: string;
  first_seen_at: Date;
}

/** History: a member appeared in or left a group between two discovery runs. */
export interface GroupMemberChangesTable {
  id: Generated<number>;
  databricks_group_id: string;
  group_name: string;
  member_id: string;
  member_display: string;
  change: 'added' | 'removed';
  observed_at: Date;
  run_id: string | null;
  /** Neither a grant nor a review decision of the bot explains it. */
  outside_bot: boolean;
}

export interface ReviewCampaignsTable {
  id: string;
  /** `all-requestable`, or the group names the admin listed (comma-separated). */
  scope: string;
  /** `slack:U…`, `teams:…`, or `system:schedule`. */
  started_by: string;
  started_at: Date;
  due_at: Date;
  state: 'open' | 'completed';
  completed_at: Date | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
  /** Set for policy-scheduled campaigns: one campaign per period (e.g. `quarterly:2026-10-01`). */
  schedule_key: string | null;
}

/** One owner's card for one group of a campaign; `page` is the page of members it shows. */
export interface ReviewCardsTable {
  id: string;
  campaign_id: string;
  databricks_group_id: string;
  group_name: string;
  owner: string;
  page: ColumnType<number, number | undefined, number>;
}

export type ReviewDecision = 'keep' | 'remove' | 'convert';
export type RemovalState = 'pending' | 'removed' | 'failed';

/** One standing member of one reviewed group, and the decision on it. */
export interface ReviewItemsTable {
  id: string;
  campaign_id: string;
  databricks_group_id: string;
  group_name: string;
  /** The policy key when the group is requestable (Convert needs one). */
  group_key: string | null;
  member_id: string;
  member_display: string;
  member_type: MemberType;
  decision: ReviewDecision | null;
  decided_by: string | null;
  decided_at: Date | null;
  removal_state: RemovalState | null;
  removal_error: string | null;
  removed_at: Date | null;
}

/** A standing member converted to just-in-time: may request the group from now on. */
export interface JitConversionsTable {
  databricks_group_id: string;
  databricks_user_id: string;
  group_name: string;
  campaign_id: string;
  converted_at: Date;
}

export type DiscoveredGroupRow = Selectable<DiscoveredGroupsTable>;
export type ReviewCampaignRow = Selectable<ReviewCampaignsTable>;
export type ReviewCardRow = Selectable<ReviewCardsTable>;
export type ReviewItemRow = Selectable<ReviewItemsTable>;
