import type { ChatMessage } from '../messages/chat-message.js';
import type { MessageSubject } from '../messages/posted-messages.js';
import type { ChatPlatform } from '../ports/chat-user.js';
import { matchesFilter, type AlertAttributes, type AlertFilter, type Topic } from './alert-filter.js';
import type { SubscriptionDeps } from './subscription-deps.js';

export interface Alert {
  topic: Topic;
  /** Idempotency key of the logical alert (e.g. `access:<id>:approved`); each channel's copy derives from it. */
  key: string;
  message: ChatMessage;
  attributes: AlertAttributes;
  /** Remember every posted copy against this subject, so `outbox.updateCopies` can edit them later. */
  about?: { subject: MessageSubject; purpose: string };
  /** Alerts with the same order key reach each channel in the order they were published. */
  order?: string;
}

/** Fans an alert out to every channel subscribed to its topic whose filter matches, on every platform. */
export async function publishAlert(deps: SubscriptionDeps, alert: Alert): Promise<number> {
  const subscriptions = await deps.db
    .selectFrom('channel_subscriptions')
    .select(['platform', 'channel_id', 'filter'])
    .where('topic', '=', alert.topic)
    .execute();
  const channels = new Map<string, { platform: ChatPlatform; id: string }>();
  for (const subscription of subscriptions) {
    if (!matchesFilter(subscription.filter as AlertFilter, alert.attributes)) continue;
    channels.set(`${subscription.platform}:${subscription.channel_id}`, {
      platform: subscription.platform as ChatPlatform,
      id: subscription.channel_id,
    });
  }
  for (const [ref, channel] of channels) {
    await deps.outbox.send({
      key: `${alert.key}:${ref}`,
      to: { channel },
      message: alert.message,
      ...(alert.about ? { about: alert.about } : {}),
      ...(alert.order ? { order: alert.order } : {}),
    });
  }
  return channels.size;
}
