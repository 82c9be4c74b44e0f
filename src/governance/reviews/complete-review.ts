import { sql } from 'kysely';
import { recordAuditEvent } from '../../audit/record-audit-event.js';
import type { GovernanceDeps } from '../governance-deps.js';

/** Closes the campaign once every item is decided (a conditional update: closed once). */
export async function completeIfDecided(deps: GovernanceDeps, campaignId: string): Promise<boolean> {
  const now = deps.clock.now();
  const closed = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('review_campaigns')
      .set({ state: 'completed', completed_at: now })
      .where('id', '=', campaignId)
      .where('state', '=', 'open')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('review_items')
              .select(sql`1`.as('one'))
              .where('review_items.campaign_id', '=', campaignId)
              .where('review_items.decision', 'is', null),
          ),
        ),
      )
      .returningAll()
      .executeTakeFirst();
    if (!row) return false;
    await recordAuditEvent(trx, {
      actor: 'system',
      action: 'review.completed',
      subjectType: 'review_campaign',
      subjectId: campaignId,
      before: { state: 'open' },
      after: { state: 'completed' },
      at: now,
    });
    return true;
  });
  if (closed) deps.log.info({ campaignId }, 'access review completed');
  return closed;
}
