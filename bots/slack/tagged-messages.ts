import type { DeliveryTag, PostedMessage, PostPlace } from '../../src/ports/notifier.js';
import type { SlackWebClient } from './slack-web-client.js';

/** The metadata event type our posts carry; its payload names the outbox key. */
const EVENT_TYPE = 'dbchatops_delivery';
/** How far back before the first attempt to look (clock skew between us and Slack). */
const SKEW_MS = 60_000;
/** Pages of history to read at most (200 messages each); a retry happens seconds after the post. */
const MAX_PAGES = 5;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** Message metadata that tags a post with its outbox key (read back with `include_all_metadata`). */
export function deliveryMetadata(tag: DeliveryTag) {
  return { event_type: EVENT_TYPE, event_payload: { key: tag } };
}

const carries = (message: HistoryMessage, tag: DeliveryTag) =>
  message.metadata?.event_type === EVENT_TYPE && message.metadata.event_payload?.key === tag;

/** A Slack ts (seconds.micros) for a moment. */
const slackTs = (at: Date) => (Math.max(0, at.getTime() - SKEW_MS) / 1000).toFixed(6);

/**
 * Finds the message this bot posted at `place` with `tag` in its metadata: the channel's history
 * (a DM is opened first to learn its channel id) or the thread's replies, since `since`.
 */
export async function findTaggedMessage(
  client: SlackWebClient,
  place: PostPlace,
  tag: DeliveryTag,
  since: Date,
): Promise<PostedMessage | undefined> {
  const oldest = slackTs(since);
  const channel = await channelOf(client, place);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const common = { channel, oldest, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) };
    const result =
      place.kind === 'thread'
        ? await client.conversations.replies({ ...common, ts: place.parent.messageId })
        : await client.conversations.history(common);
    const found = (result.messages as HistoryMessage[] | undefined)?.find((m) => carries(m, tag));
    if (found?.ts) return { platform: 'slack', channel, messageId: found.ts };
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}

async function channelOf(client: SlackWebClient, place: PostPlace): Promise<string> {
  if (place.kind === 'thread') return place.parent.channel;
  if (place.kind === 'channel') return place.channel.id;
  const opened = await client.conversations.open({ users: place.user.id });
  if (!opened.channel?.id) throw new Error('conversations.open returned no channel id');
  return opened.channel.id;
}
