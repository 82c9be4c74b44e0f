import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';

export interface RemovedMember {
  groupId: string;
  groupName: string;
  memberId: string;
  memberDisplay: string;
  at: Date;
}

/**
 * After the bot itself removed a member (a review's removal, a `remove-group-member` action): the
 * discovery snapshot follows at once, with the change recorded as the bot's, so the next
 * discovery run sees nothing to report. False when the snapshot did not list the member.
 */
export async function forgetDiscoveredMember(
  trx: Transaction<Database>,
  removed: RemovedMember,
): Promise<boolean> {
  const gone = await trx
    .deleteFrom('discovered_group_members')
    .where('databricks_group_id', '=', removed.groupId)
    .where('member_id', '=', removed.memberId)
    .executeTakeFirst();
  if (gone.numDeletedRows === 0n) return false;
  await trx
    .updateTable('discovered_groups')
    .set((eb) => ({ member_count: eb('member_count', '-', 1) }))
    .where('databricks_group_id', '=', removed.groupId)
    .execute();
  await trx
    .insertInto('group_member_changes')
    .values({
      databricks_group_id: removed.groupId,
      group_name: removed.groupName,
      member_id: removed.memberId,
      member_display: removed.memberDisplay,
      change: 'removed',
      observed_at: removed.at,
      run_id: null,
      outside_bot: false,
    })
    .execute();
  return true;
}
