import type { types } from '@slack/bolt';
import type { ChatMessage } from '../../../src/messages/chat-message.js';
import { renderSlackMessage } from './render-message.js';
import { SLACK_LIMITS, slackText } from './slack-text.js';

declare const rendered: unique symbol;

/**
 * A reply as it goes to Slack. Only `slackReply` makes one, and it escapes every string it is
 * given (`&`, `<`, `>`), so text that came from a person (`<!channel>`, `<@U…>`, a link) is inert
 * whatever reply, confirmation or error it ends up in. Our own mentions (`mention()`) still work.
 */
export interface SlackReply {
  readonly text: string;
  readonly blocks: types.KnownBlock[];
  readonly [rendered]: true;
}

/** A one-line reply (mrkdwn: `*bold*`, `code` and :emoji: work) or a whole neutral message. */
export function slackReply(content: string | ChatMessage): SlackReply {
  if (typeof content !== 'string') return renderSlackMessage(content) as SlackReply;
  const text = slackText(content, SLACK_LIMITS.sectionText);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] } as unknown as SlackReply;
}

/**
 * Errors shown under a modal's inputs (`response_action: errors`), escaped like every other reply
 * because they may quote what the person typed.
 */
export function formErrors(errors: Record<string, string>) {
  return {
    response_action: 'errors' as const,
    errors: Object.fromEntries(
      Object.entries(errors).map(([blockId, text]) => [blockId, slackText(text, SLACK_LIMITS.formError)]),
    ),
  };
}

/** Seen only by the person who typed or clicked; never replaces the message clicked on. */
export function ephemeral(reply: SlackReply) {
  return {
    response_type: 'ephemeral' as const,
    replace_original: false,
    text: reply.text,
    blocks: reply.blocks,
  };
}

/** Seen by the whole channel. */
export function inChannel(reply: SlackReply) {
  return { response_type: 'in_channel' as const, text: reply.text, blocks: reply.blocks };
}

/** A direct message to a person (chat.postMessage to their user id). */
export function directMessage(userId: string, reply: SlackReply) {
  return { channel: userId, text: reply.text, blocks: reply.blocks };
}
