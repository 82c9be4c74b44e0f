import { describe, expect, it } from 'vitest';
import type { ServingEndpoint } from '../ports/databricks-workspace.js';
import { agentsFrom } from './agent-endpoints.js';
import { inferenceTexts } from './inference-texts.js';
import { windowStart } from './scan-workspace.js';
import { spanTexts } from './span-texts.js';
import { quoteTableName } from './trace-scope.js';

const scope = { catalog: 'workspace', schema: 'default', prefix: '' };
const endpoint = (name: string, task: string, extra: Partial<ServingEndpoint> = {}): ServingEndpoint => ({
  name,
  task,
  servedEntities: [],
  tags: {},
  ...extra,
});

describe('agent discovery from serving endpoints', () => {
  it('keeps agent and chat tasks, maps inference tables and spans tables by name', () => {
    const agents = agentsFrom(
      [
        endpoint('support-agent', 'agent/v1/chat', {
          servedEntities: [{ entityName: 'main.a.support_agent', entityVersion: '2' }],
          inferenceTable: { catalog: 'main', schema: 'a', prefix: 'support', enabled: true },
        }),
        endpoint('gpt', 'llm/v1/chat', {
          inferenceTable: { catalog: 'main', schema: 'a', prefix: 'gpt', enabled: false },
        }),
        endpoint('embed', 'llm/v1/embeddings'),
      ],
      ['workspace.default.support_agent_otel_spans', 'workspace.default.batch_job_otel_spans'],
      scope,
    );
    expect(agents.map((a) => [a.name, a.inferenceTable, a.spansTable])).toEqual([
      ['support-agent', 'main.a.support_payload', 'workspace.default.support_agent_otel_spans'],
      ['gpt', null, null],
      ['batch_job', null, 'workspace.default.batch_job_otel_spans'],
    ]);
    expect(agentsFrom([endpoint('dev-bot', 'agent/v2/chat')], [], { ...scope, prefix: 'prod' })).toEqual([]);
  });

  it('refuses table names that are not plain identifiers', () => {
    expect(quoteTableName('main.agents.x_payload')).toBe('`main`.`agents`.`x_payload`');
    expect(() => quoteTableName('main.agents.x`; drop table y')).toThrow('not a plain three-part table name');
  });
});

describe('texts of trace rows', () => {
  it('reads the new turn of a chat request and the response with its tool calls', () => {
    const texts = inferenceTexts(
      JSON.stringify({
        messages: [
          { role: 'system', content: 'You are helpful' },
          { role: 'user', content: 'old question' },
          { role: 'assistant', content: 'old answer' },
          { role: 'user', content: [{ type: 'text', text: 'new question' }] },
        ],
      }),
      JSON.stringify({
        choices: [
          {
            message: {
              role: 'assistant',
              content: 'answer',
              tool_calls: [{ function: { name: 'search_kb', arguments: '{"q":"x"}' } }],
            },
          },
        ],
      }),
    );
    expect(texts).toEqual([
      { role: 'user_input', text: 'new question' },
      { role: 'agent_output', text: 'answer' },
      { role: 'tool_arguments', text: '{"q":"x"}', toolName: 'search_kb' },
    ]);
  });

  it('reads Responses API output and retrieval results as retrieved documents', () => {
    const texts = inferenceTexts(
      { input: [{ role: 'user', content: 'hi' }] },
      {
        output: [
          { type: 'function_call', name: 'vector_search', arguments: '{"q":"refunds"}' },
          { type: 'function_call_output', name: 'vector_search', output: 'Refund policy text' },
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Here you go' }] },
        ],
      },
    );
    expect(texts.map((t) => t.role)).toEqual([
      'user_input',
      'tool_arguments',
      'retrieved_document',
      'agent_output',
    ]);
  });

  it('reads MLflow and gen_ai span attributes', () => {
    expect(
      spanTexts('lookup', {
        'mlflow.spanType': '"RETRIEVER"',
        'mlflow.spanOutputs': JSON.stringify([{ page_content: 'doc one' }, { page_content: 'doc two' }]),
      }),
    ).toEqual([
      { role: 'retrieved_document', text: 'doc one' },
      { role: 'retrieved_document', text: 'doc two' },
    ]);
    expect(
      spanTexts('tool', {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'http_get',
        'gen_ai.tool.call.arguments': '{"url":"https://x.example"}',
        'gen_ai.tool.call.result': 'page body',
      }).map((t) => [t.role, t.toolName]),
    ).toEqual([
      ['tool_arguments', 'http_get'],
      ['tool_result', 'http_get'],
    ]);
  });
});

describe('the scan window', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('looks back the configured minutes, and further back to the last complete scan after an outage', () => {
    expect(windowStart(now, 60, null).toISOString()).toBe('2026-11-23T11:00:00.000Z');
    expect(windowStart(now, 60, new Date('2026-11-23T11:55:00Z')).toISOString()).toBe(
      '2026-11-23T10:55:00.000Z',
    );
    expect(windowStart(now, 60, new Date('2026-11-23T06:00:00Z')).toISOString()).toBe(
      '2026-11-23T05:00:00.000Z',
    );
    expect(windowStart(now, 60, new Date('2026-11-01T00:00:00Z')).toISOString()).toBe(
      '2026-11-22T11:00:00.000Z',
    );
  });
});
