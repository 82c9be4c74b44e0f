import type { ChatMessage } from '../../messages/chat-message.js';
import { formatChatUser, type ChatUser } from '../../ports/chat-user.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { itemsOfGroup } from './review-queries.js';
import { REVIEW_ACTIONS, reviewCardMessage } from './review-messages.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The review card a button was pressed on, as it reads now, for front ends that answer a click
 * with the card itself (Teams): the clicker's own card of the group, else any owner's.
 */
export async function reviewCardNow(
  deps: GovernanceDeps,
  actionId: string,
  value: string,
  actor: ChatUser,
): Promise<ChatMessage | undefined> {
  const target = await cardTarget(deps, actionId, value);
  if (!target) return undefined;
  const cards = await deps.db
    .selectFrom('review_cards')
    .selectAll()
    .where('campaign_id', '=', target.campaignId)
    .where('databricks_group_id', '=', target.groupId)
    .execute();
  const card =
    cards.find((candidate) => candidate.id === target.cardId) ??
    cards.find((candidate) => candidate.owner.toLowerCase() === formatChatUser(actor).toLowerCase()) ??
    cards[0];
  if (!card) return undefined;
  const campaign = await deps.db
    .selectFrom('review_campaigns')
    .selectAll()
    .where('id', '=', card.campaign_id)
    .executeTakeFirstOrThrow();
  return reviewCardMessage(
    campaign,
    card,
    await itemsOfGroup(deps, card.campaign_id, card.databricks_group_id),
  );
}

async function cardTarget(deps: GovernanceDeps, actionId: string, value: string) {
  if (actionId === REVIEW_ACTIONS.keepAll || actionId === REVIEW_ACTIONS.page) {
    const cardId = value.split(':')[0] ?? '';
    if (!UUID.test(cardId)) return undefined;
    const card = await deps.db
      .selectFrom('review_cards')
      .select(['id', 'campaign_id', 'databricks_group_id'])
      .where('id', '=', cardId)
      .executeTakeFirst();
    return card && { cardId: card.id, campaignId: card.campaign_id, groupId: card.databricks_group_id };
  }
  if (!UUID.test(value)) return undefined;
  const item = await deps.db
    .selectFrom('review_items')
    .select(['campaign_id', 'databricks_group_id'])
    .where('id', '=', value)
    .executeTakeFirst();
  return item && { cardId: undefined, campaignId: item.campaign_id, groupId: item.databricks_group_id };
}
