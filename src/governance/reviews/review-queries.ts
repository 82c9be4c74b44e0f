import { sql } from 'kysely';
import type { ReviewCampaignRow } from '../../db/tables/access-governance.js';
import { InvalidInput, NotFound } from '../../errors/domain-errors.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { reviewCardMessage } from './review-messages.js';

export const REVIEW_CARD_PURPOSE = 'review';
export const reviewCardSubject = (cardId: string) => ({ type: 'review_card', id: cardId });

/** A campaign by its id or the first characters of it (at least 4); the newest open one when omitted. */
export async function findCampaign(
  deps: GovernanceDeps,
  reference: string | undefined,
): Promise<ReviewCampaignRow> {
  if (reference === undefined || reference.trim() === '') {
    const latest = await deps.db
      .selectFrom('review_campaigns')
      .selectAll()
      .orderBy(sql`state = 'open'`, 'desc')
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) throw new NotFound('No access review has been started yet.');
    return latest;
  }
  const typed = reference.trim().toLowerCase();
  if (!/^[0-9a-f-]{4,36}$/.test(typed)) {
    throw new InvalidInput(
      `"${reference.slice(0, 40)}" is not a campaign id (the 8 characters \`review status\` shows).`,
    );
  }
  const rows = await deps.db
    .selectFrom('review_campaigns')
    .selectAll()
    .where(sql<boolean>`id::text like ${`${typed}%`}`)
    .limit(2)
    .execute();
  if (rows.length === 0) throw new NotFound(`No access review has an id starting with ${typed}.`);
  if (rows.length > 1) throw new InvalidInput(`Several reviews start with ${typed}; type more of the id.`);
  return rows[0]!;
}

export async function itemsOfGroup(deps: GovernanceDeps, campaignId: string, groupId: string) {
  return deps.db
    .selectFrom('review_items')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('databricks_group_id', '=', groupId)
    .orderBy(sql`lower(member_display)`)
    .orderBy('member_id')
    .execute();
}

/** Every owner's card of one group shows the decisions as they are now (each at its own page). */
export async function refreshGroupCards(
  deps: GovernanceDeps,
  campaignId: string,
  groupId: string,
): Promise<void> {
  const campaign = await deps.db
    .selectFrom('review_campaigns')
    .selectAll()
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const items = await itemsOfGroup(deps, campaignId, groupId);
  const cards = await deps.db
    .selectFrom('review_cards')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('databricks_group_id', '=', groupId)
    .execute();
  for (const card of cards) {
    await deps.outbox.updateCopies(
      reviewCardSubject(card.id),
      REVIEW_CARD_PURPOSE,
      reviewCardMessage(campaign, card, items),
    );
  }
}
