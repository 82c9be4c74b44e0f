import { replaceMentions, type ChatMessage } from '../../../src/messages/chat-message.js';

/** Adaptive Card limits we apply in one place (Teams rejects cards over ~28 KB). */
export const TEAMS_LIMITS = { textBlock: 5_000, factTitle: 200, factValue: 2_000, actions: 6 } as const;

const SEVERITY_COLOR: Record<NonNullable<ChatMessage['severity']>, string> = {
  info: 'Default',
  success: 'Good',
  warning: 'Warning',
  critical: 'Attention',
};

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
}

/**
 * Neutralises Adaptive Card markdown in user text (emphasis, links, list markers) while leaving
 * ordinary punctuation readable; our own mentions become the person's id.
 */
export function escapeCardText(text: string): string {
  const escaped = text
    .replace(/([\\*_[\]()~])/g, '\\$1')
    .replace(
      /^(\s*)([-+]|\d+\.)(\s)/gm,
      (_m, indent: string, marker: string, space: string) => `${indent}\\${marker}${space}`,
    );
  return replaceMentions(escaped, (user) => user.id);
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** Renders a neutral message to an Adaptive Card 1.5 with Action.Execute buttons. */
export function renderAdaptiveCard(message: ChatMessage): AdaptiveCard {
  const body: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      text: cut(escapeCardText(message.title), TEAMS_LIMITS.textBlock),
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      color: message.severity ? SEVERITY_COLOR[message.severity] : 'Default',
    },
  ];
  for (const paragraph of message.body ?? []) {
    body.push({
      type: 'TextBlock',
      text: cut(escapeCardText(paragraph), TEAMS_LIMITS.textBlock),
      wrap: true,
    });
  }
  if (message.fields && message.fields.length > 0) {
    body.push({
      type: 'FactSet',
      facts: message.fields.map((field) => ({
        title: cut(escapeCardText(field.label), TEAMS_LIMITS.factTitle),
        value: cut(escapeCardText(field.value), TEAMS_LIMITS.factValue),
      })),
    });
  }
  for (const line of message.context ?? []) {
    if (line === '') continue;
    body.push({
      type: 'TextBlock',
      text: cut(escapeCardText(line), TEAMS_LIMITS.textBlock),
      wrap: true,
      isSubtle: true,
      size: 'Small',
    });
  }
  const actions: Record<string, unknown>[] = (message.actions ?? [])
    .slice(0, TEAMS_LIMITS.actions)
    .map((action) => ({
      type: 'Action.Execute',
      title: action.label,
      verb: action.id,
      data: { action: action.id, value: action.value },
      ...(action.style === 'primary'
        ? { style: 'positive' }
        : action.style === 'danger'
          ? { style: 'destructive' }
          : {}),
    }));
  if (message.link)
    actions.push({ type: 'Action.OpenUrl', title: message.link.label, url: message.link.url });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}
