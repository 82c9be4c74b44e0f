import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { forEachConcurrently } from '../concurrency/for-each-concurrently.js';
import type { AccessDeps } from './access-deps.js';
import { announceStateChange } from './access-notifications.js';

const BATCH = 200;
// Few at a time: removals due meanwhile share the worker, and they come first.
const CONCURRENCY = 4;

/**
 * Announces ended grants (the requester's DM, every card, the channel threads), oldest end first,
 * and marks each announced. Expiry passes leave this to its own job so that a burst of ends never
 * holds up the next removals; the sweeper calls it with `endedBefore` for ends a lost job left.
 * Announcing is idempotent (keyed posts), so two runs over the same grant post nothing twice.
 * A grant that cannot be announced now is skipped for this run and tried again on the next.
 */
export async function announceEndings(
  deps: AccessDeps,
  options: { endedBefore?: Date } = {},
): Promise<number> {
  const failed: string[] = [];
  let announced = 0;
  for (;;) {
    let query = deps.db
      .selectFrom('access_requests')
      .selectAll()
      .where('end_announced_at', 'is', null)
      .where('state', 'in', ['expired', 'revoked']);
    if (options.endedBefore) query = query.where('ended_at', '<=', options.endedBefore);
    if (failed.length > 0) query = query.where('id', 'not in', failed);
    const rows = await query.orderBy('ended_at').limit(BATCH).execute();
    if (rows.length === 0) return announced;
    await forEachConcurrently(rows, CONCURRENCY, async (row) => {
      if (await announceEnding(deps, row)) announced += 1;
      else failed.push(row.id);
    });
  }
}

async function announceEnding(deps: AccessDeps, row: AccessRequestRow): Promise<boolean> {
  try {
    await announceStateChange(deps, row);
    await deps.db
      .updateTable('access_requests')
      .set({ end_announced_at: deps.clock.now() })
      .where('id', '=', row.id)
      .where('end_announced_at', 'is', null)
      .execute();
    return true;
  } catch (error) {
    deps.log.warn({ err: error, requestId: row.id }, 'could not announce the end of a grant yet');
    return false;
  }
}
