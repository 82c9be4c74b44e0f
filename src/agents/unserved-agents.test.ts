import { describe, expect, it } from 'vitest';
import { unservedAgentsFrom } from './unserved-agents.js';

const scope = { catalog: 'main', schema: 'agents', prefix: '' };

describe('agents registered in Unity Catalog without an endpoint', () => {
  it('lists models no endpoint serves, and functions, as not served', () => {
    const agents = unservedAgentsFrom(
      [
        { kind: 'registered model', fullName: 'main.agents.support_bot' },
        { kind: 'registered model', fullName: 'main.agents.billing_bot' },
        { kind: 'function', fullName: 'main.agents.lookup_order' },
      ],
      [
        {
          name: 'support',
          servedEntities: [{ entityName: 'MAIN.agents.support_bot', entityVersion: '3' }],
          tags: {},
        },
      ],
      scope,
    );
    expect(agents.map((agent) => [agent.name, agent.ucKind, agent.served])).toEqual([
      ['main.agents.billing_bot', 'registered model', false],
      ['main.agents.lookup_order', 'function', false],
    ]);
  });

  it('keeps to the configured prefix', () => {
    const agents = unservedAgentsFrom(
      [
        { kind: 'registered model', fullName: 'main.agents.prod_bot' },
        { kind: 'registered model', fullName: 'main.agents.test_bot' },
      ],
      [],
      { ...scope, prefix: 'prod' },
    );
    expect(agents.map((agent) => agent.name)).toEqual(['main.agents.prod_bot']);
  });
});

describe('where agents live in Unity Catalog', () => {
  it('is the trace schema and the schemas of models agent endpoints serve', async () => {
    const { agentSchemas } = await import('./unserved-agents.js');
    expect(
      agentSchemas(
        [
          { name: 'a', task: 'agent/v1/chat', servedEntities: [{ entityName: 'main.agents.a' }], tags: {} },
          { name: 'e', task: 'llm/v1/embeddings', servedEntities: [{ entityName: 'ml.models.e' }], tags: {} },
        ],
        { catalog: 'workspace', schema: 'default', prefix: '' },
      ),
    ).toEqual([
      ['workspace', 'default'],
      ['main', 'agents'],
    ]);
  });
});
