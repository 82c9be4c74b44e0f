import {
  describe,
  subscribeChannel,
  subscriptionsOf,
  unsubscribeChannel,
} from '../../../../src/subscriptions/channel-subscriptions.js';
import { subscriptionsListMessage } from '../../../../src/subscriptions/subscription-messages.js';
import { conversationIdOf, personOf } from '../../identity/teams-person.js';
import { reply, type TeamsTurn } from '../../replies/teams-reply.js';
import type { TeamsCommand } from './teams-commands.js';

/** This conversation (a channel, not the thread the command was typed in) as a place for alerts. */
const here = ({ context }: TeamsTurn) => ({
  platform: 'teams' as const,
  id: conversationIdOf(context.activity.conversation.id),
});

/** `subscribe <topic> [filter…]` in the channel that should get the alerts (admins). */
export const subscribeCommand: TeamsCommand = async (turn, parsed) => {
  const [topic, ...filterWords] = parsed.args;
  const actor = await personOf(turn.context, turn.services.db);
  const result = await subscribeChannel(turn.services.subscriptions, {
    actor,
    channel: here(turn),
    topic,
    filterWords,
  });
  await reply(turn.context, {
    kind: 'subscriptions.changed',
    title: `This channel now gets ${result.topic} alerts${describe(result.filter)}.`,
    severity: 'success',
  });
};

/** `unsubscribe <topic> [filter…]`. */
export const unsubscribeCommand: TeamsCommand = async (turn, parsed) => {
  const [topic, ...filterWords] = parsed.args;
  const actor = await personOf(turn.context, turn.services.db);
  await unsubscribeChannel(turn.services.subscriptions, { actor, channel: here(turn), topic, filterWords });
  await reply(turn.context, {
    kind: 'subscriptions.changed',
    title: `This channel no longer gets ${topic} alerts.`,
    severity: 'info',
  });
};

/** `subscriptions`: what this channel is subscribed to. */
export const subscriptionsCommand: TeamsCommand = async (turn) => {
  await reply(
    turn.context,
    subscriptionsListMessage(await subscriptionsOf(turn.services.subscriptions, here(turn))),
  );
};
