import type { ScannedText, TextRole } from '../detectors/scanned-text.js';

/**
 * Conversation messages in the shapes Databricks agents log them (OpenAI chat, ChatAgent,
 * Responses API, OpenTelemetry gen_ai parts) turned into texts with their role.
 */

type Json = unknown;

const RETRIEVAL_TOOL = /retriev|search|vector|lookup|knowledge|rag\b|docs?\b|document/i;

/** A tool result counts as a retrieved document when the tool is a retriever or search. */
export function toolResultRole(toolName: string | undefined): TextRole {
  return toolName && RETRIEVAL_TOOL.test(toolName) ? 'retrieved_document' : 'tool_result';
}

/** Parses JSON given as a string; anything else is returned as is. */
export function parseMaybeJson(value: Json): Json {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return value;
  try {
    return JSON.parse(trimmed) as Json;
  } catch {
    return value;
  }
}

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null;

/** The text of a message content: a string, or the text parts of a part list. */
export function contentText(content: Json): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map(contentText)
      .filter((text) => text !== '')
      .join('\n');
  if (isObject(content)) {
    for (const key of ['text', 'content', 'output_text', 'page_content', 'output', 'response', 'result']) {
      if (key in content) return contentText(content[key]);
    }
    return JSON.stringify(content);
  }
  return String(content);
}

/** Tool arguments as text (JSON arguments stay JSON, so secrets inside them are still found). */
export function argumentsText(value: Json): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

function push(out: ScannedText[], role: TextRole, text: string, toolName?: string): void {
  if (text.trim() === '') return;
  out.push(toolName ? { role, text, toolName } : { role, text });
}

function toolCalls(message: Record<string, Json>, out: ScannedText[]): void {
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  for (const call of calls) {
    if (!isObject(call)) continue;
    const fn = isObject(call.function) ? call.function : call;
    push(
      out,
      'tool_arguments',
      argumentsText(fn.arguments),
      typeof fn.name === 'string' ? fn.name : undefined,
    );
  }
}

/** gen_ai parts: `{type:'text', content}`, `{type:'tool_call', name, arguments}`, `{type:'tool_call_response', response}`. */
function parts(message: Record<string, Json>, role: TextRole, out: ScannedText[]): void {
  for (const part of message.parts as Json[]) {
    if (!isObject(part)) continue;
    if (part.type === 'tool_call') {
      push(
        out,
        'tool_arguments',
        argumentsText(part.arguments),
        typeof part.name === 'string' ? part.name : undefined,
      );
    } else if (part.type === 'tool_call_response') {
      const name = typeof part.name === 'string' ? part.name : undefined;
      push(out, toolResultRole(name), contentText(part.response ?? part.result), name);
    } else {
      push(out, role, contentText(part.content ?? part.text));
    }
  }
}

/** One message (chat, ChatAgent, Responses item or gen_ai message) as texts. */
export function messageTexts(message: Json, out: ScannedText[]): void {
  if (typeof message === 'string') return push(out, 'user_input', message);
  if (!isObject(message)) return;
  const type = message.type;
  if (type === 'function_call') {
    const name = typeof message.name === 'string' ? message.name : undefined;
    return push(out, 'tool_arguments', argumentsText(message.arguments), name);
  }
  if (type === 'function_call_output') {
    const name = typeof message.name === 'string' ? message.name : undefined;
    return push(out, toolResultRole(name), contentText(message.output), name);
  }
  const role = message.role;
  if (role === 'system' || role === 'developer') return;
  const textRole: TextRole =
    role === 'assistant'
      ? 'agent_output'
      : role === 'tool' || role === 'function'
        ? 'tool_result'
        : 'user_input';
  const name = typeof message.name === 'string' ? message.name : undefined;
  if (Array.isArray(message.parts)) return parts(message, textRole, out);
  if (textRole === 'tool_result') return push(out, toolResultRole(name), contentText(message.content), name);
  push(out, textRole, contentText(message.content));
  toolCalls(message, out);
}

/**
 * The new turn of a request's conversation: the messages after the agent last spoke (earlier
 * ones were scanned when they were new), so a long chat does not rescan its history each turn.
 */
export function newTurn(messages: Json[]): Json[] {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (isObject(message) && (message.role === 'assistant' || message.type === 'function_call')) {
      return messages.slice(i + 1);
    }
  }
  return messages;
}

/** Texts of a list of messages; `onlyNewTurn` for requests (inputs that carry the history). */
export function messagesTexts(messages: Json, options: { onlyNewTurn: boolean }): ScannedText[] {
  const list = parseMaybeJson(messages);
  const out: ScannedText[] = [];
  if (typeof list === 'string') {
    push(out, 'user_input', list);
    return out;
  }
  if (!Array.isArray(list)) {
    messageTexts(list, out);
    return out;
  }
  for (const message of options.onlyNewTurn ? newTurn(list) : list) messageTexts(message, out);
  return out;
}
