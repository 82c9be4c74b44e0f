import type { ColumnType, Selectable } from 'kysely';

/**
 * `observed`: the baseline is recorded and the bot has not asked for an add (standing members
 * stay here); `adding`/`removing`: the bot recorded that it is about to send (or sent) that
 * change and has not recorded its outcome; `added`: Databricks confirmed the bot's add.
 */
export type MembershipState = 'observed' | 'adding' | 'added' | 'removing';

export interface GroupMembershipsTable {
  databricks_group_id: string;
  databricks_user_id: string;
  databricks_group: string;
  /** A member before the bot's first add for this user and group: never removed by the bot. */
  standing: boolean;
  observed_at: Date;
  state: MembershipState;
  /** Which attempt owns the change in flight; another attempt waits until its lease runs out. */
  intent_token: string | null;
  intent_at: Date | null;
  intent_attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
}

export type GroupMembershipRow = Selectable<GroupMembershipsTable>;

export interface ManagedGroupMembersTable {
  databricks_group_id: string;
  databricks_user_id: string;
  first_seen_at: Date;
}

export interface ManagedGroupsTable {
  databricks_group_id: string;
  databricks_group: string;
  first_reconciled_at: Date;
  last_reconciled_at: Date;
}
