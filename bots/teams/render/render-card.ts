import { ACCESS_ACTIONS } from '../../../src/access/access-messages.js';
import {
  mention,
  replaceMentions,
  replaceMoments,
  splitActions,
  type ChatMessage,
  personName,
  type Person,
  type MessageAction,
} from '../../../src/messages/chat-message.js';

/** Adaptive Card limits we apply in one place (Teams rejects cards over ~28 KB). */
export const TEAMS_LIMITS = {
  textBlock: 5_000,
  factTitle: 200,
  factValue: 2_000,
  actions: 6,
  refreshUsers: 60,
  reason: 1_000,
} as const;

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

const SEVERITY_COLOR: Record<NonNullable<ChatMessage['severity']>, string> = {
  info: 'Default',
  success: 'Good',
  warning: 'Warning',
  critical: 'Attention',
};

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  refresh?: CardRefresh;
  /** Teams mentions: each `<at>…</at>` in the card's text with the person it notifies. */
  msteams?: { entities: TeamsMention[] };
}

export interface TeamsMention {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

/** A `refresh` block: Teams asks the bot for a fresh card (verb + data) when these people view it. */
export interface CardRefresh {
  action: CardElement;
  /** Teams user ids (`29:…`), at most 60. */
  userIds: string[];
}

/** What is handed back with a click: the action id routes it, `value` names the subject. */
export interface CardActionData {
  action: string;
  value?: string;
  [input: string]: unknown;
}

/**
 * Neutralises Adaptive Card markdown in user text (emphasis, links, list markers) and Teams
 * `<at>` mention tags, while leaving ordinary punctuation readable; our own mentions become a
 * Teams mention (`<at>Name</at>`, see `teamsMentions`) for Teams people and the display name for
 * everyone else; our times become `DATE()`/`TIME()`, shown in the reader's time zone. Teams clients disagree on backslash escapes (mobile shows them), and Teams has no
 * code spans, so neither is used: see `plainCardText`.
 */
export function escapeCardText(text: string): string {
  return replaceMoments(
    replaceMentions(plainCardText(text), (person) =>
      person.ids.teams ? `<at>${personName(person)}</at>` : personName(person),
    ),
    cardDateTime,
  );
}

/** Zero-width space: splits a markdown token without changing what the reader sees. */
const ZWSP = '\u200B';

/**
 * Text that Teams shows as written, without backslashes: emphasis characters become look-alikes
 * (`*` → `∗`, a word-edge `_` → `＿`; `_` inside a word is plain text already), a link's `](` and
 * a line-start list marker are split with a zero-width space, `<at>` tags are broken the same way,
 * and `code spans` (Teams has none) become “quoted” text.
 */
export function plainCardText(text: string): string {
  return text
    .replace(/`([^`\n]+)`/g, '“$1”')
    .replace(/\*/g, '∗')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '＿')
    .replace(/\]\(/g, `]${ZWSP}(`)
    .replace(/<(\/?at\b)/gi, `<${ZWSP}$1`)
    .replace(/^(\s*)([-+]|\d+\.)(\s)/gm, `$1${ZWSP}$2$3`);
}

/**
 * A time in the reader's zone: `{{DATE(…, SHORT)}} {{TIME(…)}}`. TIME() shows no seconds, so
 * seconds other than zero follow it (`9:53 AM and 27 s`), keeping the time exact.
 */
export function cardDateTime(date: Date): string {
  const iso = `${date.toISOString().slice(0, 19)}Z`;
  const seconds = date.getUTCSeconds();
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}${seconds === 0 ? '' : ` and ${seconds} s`}`;
}

/** Every text of a message, where mentions may be. */
function textsOf(message: ChatMessage): string[] {
  return [
    message.title,
    ...(message.body ?? []),
    ...(message.fields ?? []).flatMap((field) => [field.label, field.value]),
    ...(message.context ?? []),
  ];
}

/**
 * The mention entities for the Teams people a message names: the `<at>` text exactly as the card
 * shows it, and the person (their Teams user id when known, else their e-mail, which Teams
 * accepts as the user principal name).
 */
export function teamsMentions(message: ChatMessage, teamsIds: Record<string, string> = {}): TeamsMention[] {
  const found = new Map<string, TeamsMention>();
  for (const text of textsOf(message)) {
    replaceMentions(text, (person: Person) => {
      const teamsId = person.ids.teams;
      if (!teamsId) return '';
      const shown = escapeCardText(mention(person));
      if (!found.has(shown)) {
        found.set(shown, {
          type: 'mention',
          text: shown,
          mentioned: { id: teamsIds[teamsId.toLowerCase()] ?? teamsId, name: personName(person) },
        });
      }
      return '';
    });
  }
  return [...found.values()];
}

export function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text: cut(escapeCardText(text), TEAMS_LIMITS.textBlock), wrap: true, ...extra };
}

/**
 * A universal action: `Action.Execute` (an `adaptiveCard/action` invoke) with an `Action.Submit`
 * fallback carrying the same data, for Teams clients without Universal Actions.
 */
export function executeAction(
  title: string,
  verb: string,
  data: CardActionData,
  style?: MessageAction['style'],
): CardElement {
  const look =
    style === 'primary' ? { style: 'positive' } : style === 'danger' ? { style: 'destructive' } : {};
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...look,
    fallback: { type: 'Action.Submit', title, data, ...look },
  };
}

export function adaptiveCard(body: CardElement[], actions: CardElement[] = [], refresh?: CardRefresh) {
  const card: AdaptiveCard = { type: 'AdaptiveCard', $schema: ADAPTIVE_CARD_SCHEMA, version: '1.5', body };
  if (actions.length > 0) card.actions = actions;
  if (refresh) card.refresh = refresh;
  return card;
}

export interface RenderOptions {
  /** Adds a refresh block (per-person views of the card). */
  refresh?: { verb: string; data: CardActionData; userIds: string[] };
  /** A line shown above the message, e.g. why a click changed nothing. */
  notice?: { text: string; severity: NonNullable<ChatMessage['severity']> };
  /** Teams user ids (`29:…`) by lower-case e-mail, for the people the message mentions. */
  teamsIds?: Record<string, string>;
}

/** The optional deny reason, typed on the card itself (Action.Execute sends the card's inputs). */
export const DENY_REASON_INPUT = 'reason';

/**
 * A button. A destructive one (with `confirm`) opens a second step under the card first: what
 * will happen, and the button that really does it.
 */
function renderAction(action: MessageAction): CardElement {
  const execute = (title: string) =>
    executeAction(title, action.id, { action: action.id, value: action.value }, action.style);
  if (!action.confirm) return execute(action.label);
  return {
    type: 'Action.ShowCard',
    title: action.label,
    card: adaptiveCard(
      [
        textBlock(action.confirm.title, { weight: 'Bolder' }),
        textBlock(action.confirm.text, { isSubtle: true }),
      ],
      [execute(action.confirm.goAhead)],
    ),
  };
}

/** Renders a neutral message to an Adaptive Card 1.5 with Action.Execute buttons. */
export function renderAdaptiveCard(message: ChatMessage, options: RenderOptions = {}): AdaptiveCard {
  const body: CardElement[] = [];
  if (options.notice) {
    body.push(
      textBlock(options.notice.text, { weight: 'Bolder', color: SEVERITY_COLOR[options.notice.severity] }),
    );
  }
  body.push(
    textBlock(message.title, {
      weight: 'Bolder',
      size: 'Medium',
      color: message.severity ? SEVERITY_COLOR[message.severity] : 'Default',
    }),
  );
  for (const paragraph of message.body ?? []) body.push(textBlock(paragraph));
  if (message.fields && message.fields.length > 0) {
    body.push({
      type: 'FactSet',
      facts: message.fields.map((field) => ({
        title: cut(escapeCardText(field.label), TEAMS_LIMITS.factTitle),
        value: cut(escapeCardText(field.value), TEAMS_LIMITS.factValue),
      })),
    });
  }
  for (const item of message.items ?? []) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        textBlock(item.text),
        ...(item.actions.length > 0
          ? [{ type: 'ActionSet', actions: item.actions.slice(0, 5).map(renderAction) }]
          : []),
      ],
    });
  }
  for (const line of message.context ?? []) {
    if (line !== '') body.push(textBlock(line, { isSubtle: true, size: 'Small' }));
  }
  const { buttons, more } = splitActions(message.actions ?? []);
  const shown = [...buttons, ...more].slice(0, TEAMS_LIMITS.actions);
  if (shown.some((action) => action.id === ACCESS_ACTIONS.deny)) {
    body.push({
      type: 'Input.Text',
      id: DENY_REASON_INPUT,
      label: 'Reason (only if you deny)',
      placeholder: 'Optional: tell the requester why',
      isMultiline: true,
      maxLength: TEAMS_LIMITS.reason,
    });
  }
  // Beyond three buttons, actions go to the card's "…" menu (Adaptive Cards `mode: secondary`).
  const actions: CardElement[] = shown.map((action) => ({
    ...renderAction(action),
    ...(more.includes(action) ? { mode: 'secondary' } : {}),
  }));
  if (message.link)
    actions.push({ type: 'Action.OpenUrl', title: message.link.label, url: message.link.url });
  const refresh = options.refresh
    ? {
        action: {
          type: 'Action.Execute',
          title: 'Refresh',
          verb: options.refresh.verb,
          data: options.refresh.data,
        },
        userIds: options.refresh.userIds.slice(0, TEAMS_LIMITS.refreshUsers),
      }
    : undefined;
  const card = adaptiveCard(body, actions, refresh);
  const entities = teamsMentions(message, options.teamsIds);
  if (entities.length > 0) card.msteams = { entities };
  return card;
}
