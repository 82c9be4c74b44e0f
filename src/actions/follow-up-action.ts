import type { RemediationActionRow } from '../db/tables/remediation-actions.js';
import type { ActionDeps } from './action-deps.js';
import { announceAction } from './action-notifications.js';
import { findAction } from './action-queries.js';
import { afterActionSucceeded } from './after-action.js';

/**
 * What follows a recorded outcome: every card and the source's thread say it, the undone action's
 * cards say so, a success re-evaluates the cost alerts; then `followed_up_at` is set. Each step is
 * idempotent (keyed posts, edits to the same content), so an attempt after a worker died half-way
 * through simply does it again.
 */
export async function followUpAction(deps: ActionDeps, row: RemediationActionRow): Promise<void> {
  await announceAction(deps, row);
  if (row.undoes_action_id) {
    const undone = await findAction(deps.db, row.undoes_action_id);
    if (undone) await announceAction(deps, undone);
  }
  if (row.state === 'succeeded') await afterActionSucceeded(deps, row);
  await deps.db
    .updateTable('remediation_actions')
    .set({ followed_up_at: deps.clock.now() })
    .where('id', '=', row.id)
    .where('followed_up_at', 'is', null)
    .execute();
}

/** An executed action whose outcome is recorded but was never (fully) announced. */
export const owesFollowUp = (row: RemediationActionRow): boolean =>
  (row.state === 'succeeded' || row.state === 'failed') && row.followed_up_at === null;
