import type { ScannedText } from '../detectors/scanned-text.js';
import {
  argumentsText,
  contentText,
  messagesTexts,
  parseMaybeJson,
  toolResultRole,
} from './trace-messages.js';

/**
 * The texts of one span, from its attributes: OpenTelemetry gen_ai conventions
 * (`gen_ai.operation.name`, `gen_ai.input.messages`, `gen_ai.output.messages`, `gen_ai.tool.*`)
 * and MLflow's (`mlflow.spanType`, `mlflow.spanInputs`, `mlflow.spanOutputs`).
 */
export function spanTexts(name: string, rawAttributes: unknown): ScannedText[] {
  const attributes = parseMaybeJson(rawAttributes);
  if (typeof attributes !== 'object' || attributes === null) return [];
  const get = (key: string): unknown => (attributes as Record<string, unknown>)[key];
  const text = (key: string): string | undefined => {
    const value = get(key);
    return typeof value === 'string' ? value : undefined;
  };
  const operation = text('gen_ai.operation.name');
  const spanType = (text('mlflow.spanType') ?? '').replace(/^"|"$/g, '').toUpperCase();
  const out: ScannedText[] = [];

  if (operation === 'execute_tool' || spanType === 'TOOL') {
    const toolName = text('gen_ai.tool.name') ?? name;
    const args = get('gen_ai.tool.call.arguments') ?? get('mlflow.spanInputs');
    const result = get('gen_ai.tool.call.result') ?? get('mlflow.spanOutputs');
    const argsText = argumentsText(parseMaybeJson(args));
    if (argsText.trim() !== '') out.push({ role: 'tool_arguments', text: argsText, toolName });
    const resultText = contentText(parseMaybeJson(result));
    if (resultText.trim() !== '') out.push({ role: toolResultRole(toolName), text: resultText, toolName });
    return out;
  }
  if (spanType === 'RETRIEVER') {
    const documents = parseMaybeJson(get('mlflow.spanOutputs'));
    const list = Array.isArray(documents) ? documents : [documents];
    for (const document of list) {
      const body = contentText(document);
      if (body.trim() !== '') out.push({ role: 'retrieved_document', text: body });
    }
    return out;
  }
  const input = get('gen_ai.input.messages') ?? chatInputs(get('mlflow.spanInputs'));
  const output = get('gen_ai.output.messages') ?? chatOutputs(get('mlflow.spanOutputs'));
  if (input !== undefined) out.push(...messagesTexts(input, { onlyNewTurn: true }));
  if (output !== undefined) {
    out.push(...messagesTexts(output, { onlyNewTurn: false }).map(asOutput));
  }
  return out;
}

/** What a model or agent said is agent output, whatever role the message claims. */
function asOutput(text: ScannedText): ScannedText {
  return text.role === 'user_input' ? { ...text, role: 'agent_output' } : text;
}

/** MLflow chat span inputs: `{messages: [...]}` or `{input: [...]}` or a plain string. */
function chatInputs(value: unknown): unknown {
  const parsed = parseMaybeJson(value);
  if (parsed === undefined || parsed === null) return undefined;
  if (typeof parsed === 'object' && !Array.isArray(parsed)) {
    const record = parsed as Record<string, unknown>;
    return record.messages ?? record.input ?? record.query ?? record.question ?? undefined;
  }
  return parsed;
}

/** MLflow chat span outputs: chat completions, ChatAgent messages, Responses output, or a string. */
function chatOutputs(value: unknown): unknown {
  const parsed = parseMaybeJson(value);
  if (parsed === undefined || parsed === null) return undefined;
  if (typeof parsed === 'object' && !Array.isArray(parsed)) {
    const record = parsed as Record<string, unknown>;
    if (Array.isArray(record.choices)) {
      return record.choices.map((choice) => (choice as Record<string, unknown>).message ?? choice);
    }
    return record.messages ?? record.output ?? record.content ?? undefined;
  }
  return typeof parsed === 'string' ? [{ role: 'assistant', content: parsed }] : parsed;
}
