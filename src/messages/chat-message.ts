import type { ChatPlatform } from '../ports/chat-user.js';

/**
 * The neutral message model: what the domain says, before any chat platform is involved.
 * bots/slack renders it to Block Kit, bots/teams to Adaptive Cards.
 *
 * Every string is plain text written by us or by a user; renderers escape it. The only markup
 * both renderers honour is a `code span` in backticks, mentions made with `mention()` (a real
 * mention on the person's own platform, their display name elsewhere) and times made with
 * `moment()` (shown in the reader's time zone).
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

/** Buttons shown on a message; every other action goes to its "more" menu. */
export const MAX_VISIBLE_ACTIONS = 3;

/**
 * The actions shown as buttons (at most three, in order, not marked `overflow`) and those in the
 * "more" menu (the rest), for every message kind alike.
 */
export function splitActions(actions: readonly MessageAction[]): {
  buttons: MessageAction[];
  more: MessageAction[];
} {
  const buttons: MessageAction[] = [];
  const more: MessageAction[] = [];
  for (const action of actions) {
    if (!action.overflow && buttons.length < MAX_VISIBLE_ACTIONS) buttons.push(action);
    else more.push(action);
  }
  return { buttons, more };
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
const MOMENT_MARK = '\uE001';
const PART_MARK = '\uE002';
const MENTION = new RegExp(`${MENTION_MARK}([^${MENTION_MARK}]+)${MENTION_MARK}`, 'g');
const MOMENT = new RegExp(`${MOMENT_MARK}(-?\\d{1,12})${MOMENT_MARK}`, 'g');
const PLATFORMS: readonly ChatPlatform[] = ['slack', 'teams', 'sandbox'];

/**
 * One person as a message names them: their e-mail (the Databricks account user), the name to
 * show, and who they are on each chat platform we know them on. A renderer mentions them for
 * real on its own platform and shows the name everywhere else.
 */
export interface Person {
  email?: string;
  name?: string;
  /** Their id on each platform (Slack `U…`, Teams e-mail, sandbox user id). */
  ids: Partial<Record<ChatPlatform, string>>;
}

/** What a person is called where they cannot be mentioned: name, else e-mail, else an id. */
export function personName(person: Person): string {
  return person.name ?? person.email ?? Object.values(person.ids)[0] ?? 'someone';
}

/** A mention of one chat user (optionally with their display name), or of a whole person. */
export function mention(who: { platform: ChatPlatform; id: string; name?: string } | Person): string {
  const person: Person =
    'ids' in who
      ? who
      : { ids: { [who.platform]: who.id }, ...(who.name === undefined ? {} : { name: who.name }) };
  const clean = (text: string) => userText(text).replace(/\s+/g, ' ').trim();
  const parts = [
    ...PLATFORMS.filter((platform) => person.ids[platform]).map(
      (platform) => `${platform}:${clean(person.ids[platform]!)}`,
    ),
    ...(person.name ? [`name:${clean(person.name)}`] : []),
    ...(person.email ? [`email:${clean(person.email)}`] : []),
  ];
  return `${MENTION_MARK}${parts.join(PART_MARK)}${MENTION_MARK}`;
}

function personIn(mark: string): Person {
  const person: Person = { ids: {} };
  for (const part of mark.split(PART_MARK)) {
    const colon = part.indexOf(':');
    const key = part.slice(0, colon);
    const value = part.slice(colon + 1);
    if (key === 'name') person.name = value;
    else if (key === 'email') person.email = value;
    else if ((PLATFORMS as readonly string[]).includes(key)) person.ids[key as ChatPlatform] = value;
  }
  return person;
}

/** A point in time (to the second) that each renderer shows in the reader's own time zone. */
export function moment(date: Date): string {
  return `${MOMENT_MARK}${Math.floor(date.getTime() / 1000)}${MOMENT_MARK}`;
}

/** A time as plain text, the same for every reader: `2026-11-23 08:53:27 UTC`. */
export function utcTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Text typed by a person, made safe to place in a message: it can never forge a mention or time. */
export function userText(text: string): string {
  return text.replace(/[\uE000-\uE002]/g, '');
}

/** Replaces every mention in already-escaped text with what `render` returns for it. */
export function replaceMentions(text: string, render: (person: Person) => string): string {
  return text.replace(MENTION, (_match, mark: string) => render(personIn(mark)));
}

/** Replaces every time in already-escaped text with what `render` returns for it. */
export function replaceMoments(text: string, render: (date: Date) => string): string {
  return text.replace(MOMENT, (_match, seconds: string) => render(new Date(Number(seconds) * 1000)));
}

/** The text with mentions as names (or ids) and times in UTC: for logs, the CLI and fallbacks. */
export function plainText(text: string): string {
  return replaceMoments(replaceMentions(text, personName), utcTime);
}
