import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/database.js';
import type {
  RemediationActionApprovalRow,
  RemediationActionRow,
  RemediationActionState,
  RemediationActionsTable,
} from '../db/tables/remediation-actions.js';
import type { Updateable } from 'kysely';

type Executor = Db | Transaction<Database>;

export async function findAction(db: Executor, id: string): Promise<RemediationActionRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom('remediation_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function approvalsOfAction(
  db: Executor,
  actionId: string,
): Promise<RemediationActionApprovalRow[]> {
  return db
    .selectFrom('remediation_action_approvals')
    .selectAll()
    .where('action_id', '=', actionId)
    .orderBy('decided_at')
    .execute();
}

/** Moves an action from one of `from` to new values, or returns undefined when it was not in them. */
export async function transitionAction(
  db: Executor,
  id: string,
  from: RemediationActionState[],
  values: Updateable<RemediationActionsTable>,
): Promise<RemediationActionRow | undefined> {
  return db
    .updateTable('remediation_actions')
    .set(values)
    .where('id', '=', id)
    .where('state', 'in', from)
    .returningAll()
    .executeTakeFirst();
}
