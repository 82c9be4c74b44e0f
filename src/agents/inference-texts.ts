import type { ScannedText } from '../detectors/scanned-text.js';
import { spanTexts } from './span-texts.js';
import { contentText, messagesTexts, parseMaybeJson } from './trace-messages.js';

/**
 * The texts of one AI Gateway inference-table row: the request's new turn (user input, tool
 * results), the response (agent output, tool calls), and, for agents deployed with the Agent
 * Framework, the MLflow trace the response carries (`databricks_output.trace`: retrieved
 * documents and tool calls inside the agent).
 */
export function inferenceTexts(request: unknown, response: unknown): ScannedText[] {
  return [...requestTexts(parseMaybeJson(request)), ...responseTexts(parseMaybeJson(response))];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function requestTexts(request: unknown): ScannedText[] {
  if (request === null || request === undefined) return [];
  if (typeof request === 'string')
    return request.trim() === '' ? [] : [{ role: 'user_input', text: request }];
  if (!isObject(request)) return messagesTexts(request, { onlyNewTurn: true });
  const conversation = request.messages ?? request.input;
  if (conversation !== undefined) return messagesTexts(conversation, { onlyNewTurn: true });
  if (typeof request.prompt === 'string') return [{ role: 'user_input', text: request.prompt }];
  // Anything else (dataframe_records, inputs, custom payloads): its text as user input.
  const text = contentText(request.inputs ?? request.dataframe_records ?? request);
  return text.trim() === '' ? [] : [{ role: 'user_input', text }];
}

function responseTexts(response: unknown): ScannedText[] {
  if (response === null || response === undefined) return [];
  if (typeof response === 'string') {
    return response.trim() === '' ? [] : [{ role: 'agent_output', text: response }];
  }
  if (!isObject(response)) return messagesTexts(response, { onlyNewTurn: false }).map(asOutput);
  const texts: ScannedText[] = [];
  if (Array.isArray(response.choices)) {
    const messages = response.choices.map((choice) =>
      isObject(choice) ? (choice.message ?? choice.delta) : choice,
    );
    texts.push(...messagesTexts(messages, { onlyNewTurn: false }));
  } else if (response.messages !== undefined || response.output !== undefined) {
    texts.push(...messagesTexts(response.messages ?? response.output, { onlyNewTurn: false }));
  } else if (response.predictions !== undefined) {
    texts.push({ role: 'agent_output', text: contentText(response.predictions) });
  }
  texts.push(...traceTexts(response.databricks_output));
  return texts.map(asOutput).filter((text) => text.text.trim() !== '');
}

/** The MLflow trace an Agent Framework response carries: its tool and retriever spans. */
function traceTexts(output: unknown): ScannedText[] {
  const trace = isObject(output) ? parseMaybeJson(output.trace) : undefined;
  const data = isObject(trace) ? trace.data : undefined;
  const spans = isObject(data) && Array.isArray(data.spans) ? data.spans : [];
  const texts: ScannedText[] = [];
  for (const span of spans) {
    if (!isObject(span)) continue;
    const fromSpan = spanTexts(String(span.name ?? ''), span.attributes);
    // Chat spans repeat the request and response already scanned above; keep tools and retrievals.
    texts.push(...fromSpan.filter((text) => text.role !== 'user_input' && text.role !== 'agent_output'));
  }
  return texts;
}

function asOutput(text: ScannedText): ScannedText {
  return text.role === 'user_input' ? { ...text, role: 'agent_output' } : text;
}
