import type { types } from '@slack/bolt';

import {
  OVERFLOW_ACTION_ID,
  overflowOptionValue,
  splitActions,
  type ActionConfirmation,
  type ChatMessage,
  type MessageAction,
} from '../../../src/messages/chat-message.js';
import { SLACK_LIMITS, slackText, truncate } from './slack-text.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

const SEVERITY_ICON: Record<NonNullable<ChatMessage['severity']>, string> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  critical: ':rotating_light:',
};

export interface SlackMessagePayload {
  /** Notification and accessibility fallback. */
  text: string;
  blocks: KnownBlock[];
}

/** Renders a neutral message to Block Kit, applying Slack's limits and escaping all text. */
export function renderSlackMessage(message: ChatMessage): SlackMessagePayload {
  const blocks: KnownBlock[] = [];
  const icon = message.severity ? `${SEVERITY_ICON[message.severity]} ` : '';
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: slackText(`${icon}*${message.title}*`, SLACK_LIMITS.sectionText) },
  });
  for (const paragraph of chunkParagraphs(message.body ?? [])) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: paragraph } });
  }
  const fields = message.fields ?? [];
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.fieldsPerSection) {
    blocks.push({
      type: 'section',
      fields: fields.slice(i, i + SLACK_LIMITS.fieldsPerSection).map((field) => ({
        type: 'mrkdwn',
        text: slackText(`*${field.label}*\n${field.value}`, SLACK_LIMITS.fieldText),
      })),
    });
  }
  for (const [index, item] of (message.items ?? []).entries()) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: slackText(item.text, SLACK_LIMITS.sectionText) },
    });
    if (item.actions.length > 0) {
      blocks.push({
        type: 'actions',
        block_id: `item-${index}`,
        elements: item.actions.slice(0, 5).map(renderButton),
      });
    }
  }
  if (message.link) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `<${encodeURI(message.link.url)}|${slackText(message.link.label, 200)}>`,
      },
    });
  }
  if (message.actions && message.actions.length > 0) {
    const { buttons, more } = splitActions(message.actions);
    const elements: types.ActionsBlockElement[] = buttons.map(renderButton);
    if (more.length > 0) {
      elements.push({
        type: 'overflow',
        action_id: OVERFLOW_ACTION_ID,
        options: more.slice(0, 5).map((action) => ({
          text: { type: 'plain_text', text: action.label.slice(0, 75), emoji: true },
          value: overflowOptionValue(action).slice(0, 150),
        })),
      });
    }
    blocks.push({ type: 'actions', elements });
  }
  const context = (message.context ?? []).filter((line) => line !== '');
  if (context.length > 0) {
    blocks.push({
      type: 'context',
      elements: context.slice(0, SLACK_LIMITS.contextElements).map((line) => ({
        type: 'mrkdwn',
        text: slackText(line, SLACK_LIMITS.sectionText),
      })),
    });
  }
  return {
    text: slackText(message.title, SLACK_LIMITS.messageText),
    blocks: blocks.slice(0, SLACK_LIMITS.blocksPerMessage),
  };
}

function renderButton(action: MessageAction): Button {
  return {
    type: 'button',
    action_id: action.id,
    text: { type: 'plain_text', text: action.label.slice(0, SLACK_LIMITS.buttonText), emoji: true },
    value: action.value.slice(0, SLACK_LIMITS.buttonValue),
    ...(action.style ? { style: action.style } : {}),
    ...(action.confirm ? { confirm: renderConfirm(action.confirm, action.style) } : {}),
  };
}

/** Block Kit's confirmation dialog (title ≤ 100, text ≤ 300, buttons ≤ 30 characters). */
function renderConfirm(confirm: ActionConfirmation, style: MessageAction['style']): types.ConfirmationDialog {
  const plain = (text: string, limit: number) => ({
    type: 'plain_text' as const,
    text: truncate(text, limit),
  });
  return {
    title: plain(confirm.title, SLACK_LIMITS.confirmTitle),
    text: plain(confirm.text, SLACK_LIMITS.confirmText),
    confirm: plain(confirm.goAhead, SLACK_LIMITS.confirmButton),
    deny: plain('Cancel', SLACK_LIMITS.confirmButton),
    ...(style === 'danger' ? { style: 'danger' as const } : {}),
  };
}

/** Joins paragraphs into as few sections as fit Slack's section text limit. */
function chunkParagraphs(paragraphs: string[]): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const paragraph of paragraphs.map((p) => slackText(p, SLACK_LIMITS.sectionText))) {
    if (current !== '' && current.length + 1 + paragraph.length > SLACK_LIMITS.sectionText) {
      chunks.push(current);
      current = '';
    }
    current = current === '' ? paragraph : `${current}\n${paragraph}`;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
