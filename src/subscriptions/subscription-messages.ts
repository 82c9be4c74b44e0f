import type { ChannelSubscriptionRow } from '../db/tables/channel-subscriptions.js';
import type { ChatMessage } from '../messages/chat-message.js';
import { TOPICS } from './alert-filter.js';

export function subscriptionsListMessage(rows: ChannelSubscriptionRow[]): ChatMessage {
  return {
    kind: 'subscriptions.list',
    title:
      rows.length === 0 ? 'This channel has no alert subscriptions' : 'Alert subscriptions of this channel',
    body: rows.map((row) => `\`${row.topic}\`${row.filter_key ? ` (${row.filter_key})` : ''}`),
    context: [`Topics: ${TOPICS.join(', ')}. Filters: workspace:, region:, group:, severity:.`],
  };
}
