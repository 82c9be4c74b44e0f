import { sql } from 'kysely';
import { recordAuditEvents } from '../../audit/record-audit-event.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ReviewDecision, ReviewItemRow } from '../../db/tables/access-governance.js';
import { Conflict, InvalidInput, NotFound } from '../../errors/domain-errors.js';
import { formatChatUser, type ChatUser } from '../../ports/chat-user.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { completeIfDecided } from './complete-review.js';
import { convertible } from './review-messages.js';
import { refreshGroupCards } from './review-queries.js';
import { assertMayDecide } from './review-permissions.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One owner's decision on one standing member. The first decision counts (a conditional update):
 * a second click, or another owner deciding at the same moment, is told who decided. Remove and
 * Convert mark the membership for removal, which a job carries out through SCIM; Convert also
 * lets the person request the group from now on. Every decision is audited.
 */
export async function decideReviewItem(
  deps: GovernanceDeps,
  itemId: string,
  decision: ReviewDecision,
  actor: ChatUser,
): Promise<{ item: ReviewItemRow; text: string }> {
  if (!UUID.test(itemId)) throw new InvalidInput('That button does not belong to a review I know.');
  const item = await deps.db
    .selectFrom('review_items')
    .selectAll()
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!item) throw new NotFound('That review item no longer exists.');
  await assertMayDecide(deps, actor, item.group_name);
  if (decision === 'convert' && !convertible(item)) {
    throw new InvalidInput(
      `${item.member_display} cannot be converted: ${item.group_name} is not requestable (not in the policy) or the member is not a user.`,
    );
  }
  const now = deps.clock.now();
  const who = formatChatUser(actor);
  const decided = await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('review_items')
      .set({
        decision,
        decided_by: who,
        decided_at: now,
        removal_state: decision === 'keep' ? null : 'pending',
      })
      .where('id', '=', itemId)
      .where('decision', 'is', null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('review_campaigns')
            .select(sql`1`.as('one'))
            .whereRef('review_campaigns.id', '=', 'review_items.campaign_id')
            .where('review_campaigns.state', '=', 'open'),
        ),
      )
      .returningAll()
      .executeTakeFirst();
    if (!updated) return undefined;
    await recordDecision(trx, updated, now);
    if (decision === 'convert') {
      await trx
        .insertInto('jit_conversions')
        .values({
          databricks_group_id: updated.databricks_group_id,
          databricks_user_id: updated.member_id,
          group_name: updated.group_name,
          campaign_id: updated.campaign_id,
          converted_at: now,
        })
        .onConflict((oc) => oc.columns(['databricks_group_id', 'databricks_user_id']).doNothing())
        .execute();
    }
    return updated;
  });
  if (!decided) throw await whyNotDecided(deps, itemId);
  await afterDecisions(deps, decided.campaign_id, decided.databricks_group_id, decision !== 'keep');
  const name = decided.member_display;
  const text =
    decision === 'keep'
      ? `${name} keeps standing access to ${decided.group_name}.`
      : decision === 'remove'
        ? `Removing ${name} from ${decided.group_name} now.`
        : `Removing ${name}'s standing access to ${decided.group_name} now; they can request ${decided.group_key} when they need it.`;
  return { item: decided, text };
}

/** "Keep all": every member of the card's group not decided yet is kept. */
export async function keepAllUndecided(
  deps: GovernanceDeps,
  cardId: string,
  actor: ChatUser,
): Promise<{ kept: number; text: string }> {
  if (!UUID.test(cardId)) throw new InvalidInput('That button does not belong to a review I know.');
  const card = await deps.db
    .selectFrom('review_cards')
    .selectAll()
    .where('id', '=', cardId)
    .executeTakeFirst();
  if (!card) throw new NotFound('That review card no longer exists.');
  await assertMayDecide(deps, actor, card.group_name);
  const now = deps.clock.now();
  const kept = await deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('review_items')
      .set({ decision: 'keep', decided_by: formatChatUser(actor), decided_at: now })
      .where('campaign_id', '=', card.campaign_id)
      .where('databricks_group_id', '=', card.databricks_group_id)
      .where('decision', 'is', null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('review_campaigns')
            .select(sql`1`.as('one'))
            .whereRef('review_campaigns.id', '=', 'review_items.campaign_id')
            .where('review_campaigns.state', '=', 'open'),
        ),
      )
      .returningAll()
      .execute();
    for (const row of rows) await recordDecision(trx, row, now);
    return rows.length;
  });
  if (kept === 0) {
    const campaign = await deps.db
      .selectFrom('review_campaigns')
      .select('state')
      .where('id', '=', card.campaign_id)
      .executeTakeFirstOrThrow();
    throw new Conflict(
      campaign.state === 'open' ? 'Every member of this group is decided already.' : 'This review is closed.',
    );
  }
  await afterDecisions(deps, card.campaign_id, card.databricks_group_id, false);
  return { kept, text: `Kept ${kept} member(s) of ${card.group_name}.` };
}

async function recordDecision(trx: Transaction<Database>, item: ReviewItemRow, at: Date) {
  await recordAuditEvents(trx, [
    {
      actor: item.decided_by!,
      action: 'review.decided',
      subjectType: 'review_item',
      subjectId: item.id,
      before: { decision: null },
      after: { decision: item.decision },
      details: {
        campaignId: item.campaign_id,
        group: item.group_name,
        groupId: item.databricks_group_id,
        memberId: item.member_id,
        member: item.member_display,
      },
      at,
    },
  ]);
}

async function afterDecisions(deps: GovernanceDeps, campaignId: string, groupId: string, removals: boolean) {
  if (removals) await deps.reviewJobs.carryOutRemovals(campaignId);
  await refreshGroupCards(deps, campaignId, groupId);
  await completeIfDecided(deps, campaignId);
}

async function whyNotDecided(deps: GovernanceDeps, itemId: string): Promise<Error> {
  const item = await deps.db
    .selectFrom('review_items')
    .innerJoin('review_campaigns', 'review_campaigns.id', 'review_items.campaign_id')
    .select(['review_items.decision', 'review_items.decided_by', 'review_campaigns.state'])
    .where('review_items.id', '=', itemId)
    .executeTakeFirstOrThrow();
  if (item.decision !== null) {
    return new Conflict(`That member was already decided (${item.decision}) by someone; the card shows who.`);
  }
  return new Conflict('This review is closed; decisions are no longer taken.');
}
