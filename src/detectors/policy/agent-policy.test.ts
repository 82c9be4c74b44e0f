import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../allow-list.js';
import { detectPolicyViolations } from './detect-policy-violations.js';
import { parseAgentPolicies } from './load-agent-policies.js';

const FILE = `
defaults:
  allowed_domains: [databricks.com]
  banned_topics: [project falcon]
agents:
  support-agent:
    allowed_tools: [search_kb, create_ticket]
    allowed_domains: [support.example.com]
    allowed_pii_in_outputs: [email]
    allow:
      - detector: secrets
        value_sha256: ${sha256Hex('dapi00000000000000000000000000000000')}
      - detector: pii
        pattern: '@example\\.com$'
`;

describe('agent policy file', () => {
  it('merges defaults with the agent section', () => {
    const policy = parseAgentPolicies(FILE).for('Support-Agent');
    expect(policy.allowedTools).toEqual(['search_kb', 'create_ticket']);
    expect(policy.allowedDomains).toEqual(['databricks.com', 'support.example.com']);
    expect(policy.bannedTopics).toEqual(['project falcon']);
    expect(policy.allowedPiiInOutputs).toEqual(['email']);
    expect(policy.allow).toHaveLength(2);
    expect(parseAgentPolicies(FILE).for('other-agent').allowedTools).toBeUndefined();
  });

  it('refuses bad entries, naming where they are', () => {
    expect(() => parseAgentPolicies('agents:\n  a:\n    allowed_pii_in_outputs: [shoe-size]\n')).toThrow(
      'agents.a.allowed_pii_in_outputs.0',
    );
    expect(() => parseAgentPolicies('agents:\n  a:\n    allow:\n      - detector: pii\n')).toThrow(
      'an allow entry needs value_sha256, pattern or domains',
    );
    expect(() => parseAgentPolicies('agents:\n  a:\n    allow:\n      - pattern: "("\n')).toThrow(
      'not a valid regular expression',
    );
  });
});

describe('policy violations', () => {
  const policy = parseAgentPolicies(FILE).for('support-agent');

  it('flags tools the agent may not call', () => {
    const call = { role: 'tool_arguments' as const, text: '{"sql":"DROP TABLE x"}', toolName: 'run_sql' };
    expect(detectPolicyViolations(call, policy).map((m) => [m.rule, m.identity])).toEqual([
      ['tool-not-allowed', 'run_sql'],
    ]);
    expect(detectPolicyViolations({ ...call, toolName: 'search_kb' }, policy)).toEqual([]);
  });

  it('flags URLs to domains outside the allowed ones, and banned topics', () => {
    const text = 'See https://docs.databricks.com/a and https://pastebin.com/raw/x about Project  Falcon.';
    expect(
      detectPolicyViolations({ role: 'agent_output', text }, policy).map((m) => [m.rule, m.identity]),
    ).toEqual([
      ['outbound-domain', 'pastebin.com'],
      ['banned-topic', 'project falcon'],
    ]);
  });
});
