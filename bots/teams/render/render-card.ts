import { ACCESS_ACTIONS } from '../../../src/access/access-messages.js';
import { replaceMentions, type ChatMessage, type MessageAction } from '../../../src/messages/chat-message.js';

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
 * `<at>` mention tags, while leaving ordinary punctuation readable; our own mentions become the
 * person's id.
 */
export function escapeCardText(text: string): string {
  const escaped = text
    .replace(/([\\*_[\]~])/g, '\\$1')
    .replace(/<(\/?at\b)/gi, '<\u200B$1')
    .replace(
      /^(\s*)([-+]|\d+\.)(\s)/gm,
      (_m, indent: string, marker: string, space: string) => `${indent}\\${marker}${space}`,
    );
  return replaceMentions(escaped, (user) => user.id);
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
  const shown = (message.actions ?? []).slice(0, TEAMS_LIMITS.actions);
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
  // Overflow actions go to the card's "…" menu (Adaptive Cards `mode: secondary`).
  const actions: CardElement[] = shown.map((action) => ({
    ...renderAction(action),
    ...(action.overflow ? { mode: 'secondary' } : {}),
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
  return adaptiveCard(body, actions, refresh);
}
