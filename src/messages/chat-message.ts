import type { ChatPlatform } from '../ports/chat-user.js';

/**
 * The neutral message model: what the domain says, before any chat platform is involved.
 * bots/slack renders it to Block Kit, bots/teams to Adaptive Cards.
 *
 * Every string is plain text written by us or by a user; renderers escape it. The only markup
 * both renderers honour is a `code span` in backticks, and mentions made with `mention()`.
 */
export type Severity = 'info' | 'success' | 'warning' | 'critical';

export interface MessageField {
  label: string;
  value: string;
}

export interface MessageAction {
  /** Stable id the front ends route on, e.g. `access.approve`. */
  id: string;
  label: string;
  /** Opaque value handed back with the click, e.g. the request id. */
  value: string;
  style?: 'primary' | 'danger';
  /** Asked before the click counts (destructive buttons): Block Kit `confirm`, a card's second step. */
  confirm?: ActionConfirmation;
  /** Offered in a "more" menu rather than as a button (cards keep at most three buttons). */
  overflow?: boolean;
}

/** "Are you sure?" for a button: what happens, and the label of the button that goes ahead. */
export interface ActionConfirmation {
  title: string;
  text: string;
  goAhead: string;
}

/** The one action id of a Slack overflow menu; the chosen option carries `<action id> <value>`. */
export const OVERFLOW_ACTION_ID = 'message.more';

export function overflowOptionValue(action: MessageAction): string {
  return `${action.id} ${action.value}`;
}

/** The action and value an overflow option stands for. */
export function fromOverflowOption(option: string): { id: string; value: string } {
  const space = option.indexOf(' ');
  return space < 0
    ? { id: option, value: '' }
    : { id: option.slice(0, space), value: option.slice(space + 1) };
}

/** A line of a list with its own buttons, e.g. one member on an access review card. */
export interface MessageItem {
  text: string;
  actions: MessageAction[];
}

export interface ChatMessage {
  /** What kind of message this is, e.g. `help`, `access.request`; renderers may specialise on it. */
  kind: string;
  title: string;
  severity?: Severity;
  /** Paragraphs of plain text. */
  body?: string[];
  fields?: MessageField[];
  /** Lines with their own buttons, shown after the fields (keep them few: a page at a time). */
  items?: MessageItem[];
  /** Small print under the message. */
  context?: string[];
  actions?: MessageAction[];
  link?: { label: string; url: string };
}

const MENTION_MARK = '\uE000';
const MENTION = new RegExp(
  `${MENTION_MARK}(slack|teams|sandbox):([^${MENTION_MARK}\\s]+)${MENTION_MARK}`,
  'g',
);

/** A mention of a person that each renderer turns into its platform's mention. */
export function mention(user: { platform: ChatPlatform; id: string }): string {
  return `${MENTION_MARK}${user.platform}:${user.id}${MENTION_MARK}`;
}

/** Text typed by a person, made safe to place in a message: it can never forge a mention. */
export function userText(text: string): string {
  return text.replaceAll(MENTION_MARK, '');
}

/** Replaces every mention in already-escaped text with what `render` returns for it. */
export function replaceMentions(
  text: string,
  render: (user: { platform: ChatPlatform; id: string }) => string,
): string {
  return text.replace(MENTION, (_match, platform: ChatPlatform, id: string) => render({ platform, id }));
}
