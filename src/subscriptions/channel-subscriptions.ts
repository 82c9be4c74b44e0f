import type { ChannelSubscriptionRow } from '../db/tables/channel-subscriptions.js';
import { AccessDenied, Conflict, NotFound } from '../errors/domain-errors.js';
import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import type { ChatChannel } from '../ports/notifier.js';
import { sameUser } from '../access/policy/policy-decisions.js';
import { filterKey, parseAlertFilter, parseTopic, type AlertFilter, type Topic } from './alert-filter.js';
import type { SubscriptionDeps } from './subscription-deps.js';

export interface SubscriptionChange {
  actor: ChatUser;
  channel: ChatChannel;
  topic: string | undefined;
  /** Filter words as typed, e.g. `workspace:prod severity:warning`. */
  filterWords: string[];
}

function assertAdmin(deps: SubscriptionDeps, actor: ChatUser): void {
  if (!deps.admins.some((admin) => sameUser(admin, actor))) {
    throw new AccessDenied('Only admins can change what a channel is subscribed to.');
  }
}

/** Subscribes a channel to a topic (admins only); the same topic and filter twice is refused. */
export async function subscribeChannel(
  deps: SubscriptionDeps,
  change: SubscriptionChange,
): Promise<{ topic: Topic; filter: AlertFilter }> {
  assertAdmin(deps, change.actor);
  const topic = parseTopic(change.topic);
  const filter = parseAlertFilter(change.filterWords);
  const inserted = await deps.db
    .insertInto('channel_subscriptions')
    .values({
      platform: change.channel.platform,
      channel_id: change.channel.id,
      topic,
      filter: JSON.stringify(filter),
      filter_key: filterKey(filter),
      created_by: formatChatUser(change.actor),
      created_at: deps.clock.now(),
    })
    .onConflict((oc) => oc.constraint('channel_subscriptions_uq').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new Conflict(`This channel is already subscribed to ${topic}${describe(filter)}.`);
  deps.log.info({ channel: change.channel, topic, filter }, 'channel subscribed');
  return { topic, filter };
}

/** Removes a channel's subscription to a topic (with that filter; all of the topic when none given). */
export async function unsubscribeChannel(
  deps: SubscriptionDeps,
  change: SubscriptionChange,
): Promise<number> {
  assertAdmin(deps, change.actor);
  const topic = parseTopic(change.topic);
  let query = deps.db
    .deleteFrom('channel_subscriptions')
    .where('platform', '=', change.channel.platform)
    .where('channel_id', '=', change.channel.id)
    .where('topic', '=', topic);
  if (change.filterWords.length > 0)
    query = query.where('filter_key', '=', filterKey(parseAlertFilter(change.filterWords)));
  const removed = Number((await query.executeTakeFirst()).numDeletedRows);
  if (removed === 0) throw new NotFound(`This channel is not subscribed to ${topic} with that filter.`);
  return removed;
}

export async function subscriptionsOf(
  deps: SubscriptionDeps,
  channel: ChatChannel,
): Promise<ChannelSubscriptionRow[]> {
  return deps.db
    .selectFrom('channel_subscriptions')
    .selectAll()
    .where('platform', '=', channel.platform)
    .where('channel_id', '=', channel.id)
    .orderBy('topic')
    .orderBy('filter_key')
    .execute();
}

export function describe(filter: AlertFilter): string {
  const key = filterKey(filter);
  return key === '' ? '' : ` (${key})`;
}
