import { subscriptionsListMessage } from '../../../../src/subscriptions/subscription-messages.js';
import {
  describe,
  subscribeChannel,
  subscriptionsOf,
  unsubscribeChannel,
} from '../../../../src/subscriptions/channel-subscriptions.js';
import { ephemeral, inChannel, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';
import type { CommandArgs, SubcommandHandler } from './databricks-command.js';

const here = (args: CommandArgs) => ({
  actor: { platform: 'slack' as const, id: args.command.user_id },
  channel: { platform: 'slack' as const, id: args.command.channel_id },
});

/** `/databricks subscribe <topic> [filter…]` in the channel that should get the alerts. */
export const subscribeCommand: SubcommandHandler = async (args, parsed, services) => {
  await args.ack();
  await replyOnError(services.log, args.respond, async () => {
    const [topic, ...filterWords] = parsed.args;
    const result = await subscribeChannel(services.subscriptions, { ...here(args), topic, filterWords });
    await args.respond(
      inChannel(slackReply(`:bell: This channel now gets ${result.topic} alerts${describe(result.filter)}.`)),
    );
  });
};

/** `/databricks unsubscribe <topic> [filter…]`. */
export const unsubscribeCommand: SubcommandHandler = async (args, parsed, services) => {
  await args.ack();
  await replyOnError(services.log, args.respond, async () => {
    const [topic, ...filterWords] = parsed.args;
    await unsubscribeChannel(services.subscriptions, { ...here(args), topic, filterWords });
    await args.respond(inChannel(slackReply(`:no_bell: This channel no longer gets ${topic} alerts.`)));
  });
};

/** `/databricks subscriptions`: what this channel is subscribed to. */
export const subscriptionsCommand: SubcommandHandler = async (args, _parsed, services) => {
  await args.ack();
  await replyOnError(services.log, args.respond, async () => {
    const rows = await subscriptionsOf(services.subscriptions, here(args).channel);
    await args.respond(ephemeral(slackReply(subscriptionsListMessage(rows))));
  });
};
