import { InvalidInput, NotFound } from '../../errors/domain-errors.js';
import type { ChatUser } from '../../ports/chat-user.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { itemsOfGroup, REVIEW_CARD_PURPOSE, reviewCardSubject } from './review-queries.js';
import { reviewCardMessage } from './review-messages.js';
import { assertMayDecide } from './review-permissions.js';

/** "Next page" / "Previous page" on a review card (value `<card id>:<page>`): the card shows that page. */
export async function turnReviewPage(deps: GovernanceDeps, value: string, actor: ChatUser): Promise<void> {
  const match = /^([0-9a-f-]{36}):(\d{1,5})$/.exec(value);
  if (!match) throw new InvalidInput('That button does not belong to a review I know.');
  const [, cardId, pageText] = match;
  const found = await deps.db
    .selectFrom('review_cards')
    .selectAll()
    .where('id', '=', cardId!)
    .executeTakeFirst();
  if (!found) throw new NotFound('That review card no longer exists.');
  await assertMayDecide(deps, actor, found.group_name);
  const card = await deps.db
    .updateTable('review_cards')
    .set({ page: Number(pageText) })
    .where('id', '=', found.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const campaign = await deps.db
    .selectFrom('review_campaigns')
    .selectAll()
    .where('id', '=', card.campaign_id)
    .executeTakeFirstOrThrow();
  const items = await itemsOfGroup(deps, card.campaign_id, card.databricks_group_id);
  await deps.outbox.updateCopies(
    reviewCardSubject(card.id),
    REVIEW_CARD_PURPOSE,
    reviewCardMessage(campaign, card, items),
  );
}
