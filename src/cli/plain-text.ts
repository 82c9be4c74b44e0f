import type { ChatMessage } from '../messages/chat-message.js';

/** A neutral message as terminal text: title, paragraphs, fields, small print. */
export function plainText(message: ChatMessage): string {
  const lines = [message.title];
  for (const paragraph of message.body ?? []) lines.push(paragraph);
  for (const field of message.fields ?? []) lines.push(`${field.label}: ${field.value}`);
  for (const line of message.context ?? []) if (line !== '') lines.push(`(${line})`);
  return `${lines.join('\n')}\n`;
}
