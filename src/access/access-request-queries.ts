import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/database.js';
import { isRecordId } from '../ids/record-id.js';
import { requestNumberIn } from './request-reference.js';
import type {
  AccessApprovalRow,
  AccessRequestRow,
  AccessRequestState,
  AccessRequestUpdate,
} from '../db/tables/access-requests.js';

type Executor = Db | Transaction<Database>;

/** The request with this id or reference (`AR-1042`). */
export async function findRequest(
  db: Executor,
  idOrReference: string,
): Promise<AccessRequestRow | undefined> {
  const number = requestNumberIn(idOrReference);
  if (number !== undefined) {
    return db.selectFrom('access_requests').selectAll().where('number', '=', number).executeTakeFirst();
  }
  if (!isRecordId(idOrReference)) return undefined;
  return db.selectFrom('access_requests').selectAll().where('id', '=', idOrReference).executeTakeFirst();
}

/**
 * Moves a request from one of `from` to a new state in one conditional update; returns the
 * updated row, or undefined when the request was no longer in `from` (someone else won).
 */
export async function transitionRequest(
  db: Executor,
  id: string,
  from: AccessRequestState[],
  change: AccessRequestUpdate,
): Promise<AccessRequestRow | undefined> {
  return db
    .updateTable('access_requests')
    .set(change)
    .where('id', '=', id)
    .where('state', 'in', from)
    .returningAll()
    .executeTakeFirst();
}

export async function approvalsOf(db: Executor, requestId: string): Promise<AccessApprovalRow[]> {
  return db
    .selectFrom('access_approvals')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('decided_at')
    .execute();
}

/** Active grants of one Databricks user in one group, other than `exceptIds`. */
export async function otherActiveGrants(
  db: Executor,
  databricksUserId: string,
  databricksGroup: string,
  exceptIds: string[],
): Promise<AccessRequestRow[]> {
  let query = db
    .selectFrom('access_requests')
    .selectAll()
    .where('databricks_user_id', '=', databricksUserId)
    .where('databricks_group', '=', databricksGroup)
    .where('state', '=', 'active');
  if (exceptIds.length > 0) query = query.where('id', 'not in', exceptIds);
  return query.execute();
}

export async function requestsOf(
  db: Executor,
  requester: string,
  states: AccessRequestState[],
): Promise<AccessRequestRow[]> {
  return db
    .selectFrom('access_requests')
    .selectAll()
    .where('requester', '=', requester)
    .where('state', 'in', states)
    .orderBy('created_at')
    .execute();
}
