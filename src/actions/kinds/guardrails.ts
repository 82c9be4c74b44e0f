import { Conflict } from '../../errors/domain-errors.js';
import { readResource, text, type ActionKind, type ObservedResource } from '../action-kind.js';

/** What "add guardrails" puts on an endpoint: PII blocked on input and masked on output, safety on input, a rate limit. */
export const GUARDRAILS = {
  guardrails: {
    input: { pii: { behavior: 'BLOCK' }, safety: true },
    output: { pii: { behavior: 'MASK' } },
  },
  rate_limits: [{ calls: 60, key: 'user', renewal_period: 'minute' }],
} as const;

async function observeEndpoint(
  api: Parameters<ActionKind['observe']>[0],
  name: string,
): Promise<ObservedResource> {
  const raw = await readResource(
    api,
    `/api/2.0/serving-endpoints/${encodeURIComponent(name)}`,
    `The serving endpoint ${name}`,
  );
  const gateway = (raw.ai_gateway ?? {}) as Record<string, unknown>;
  const guardrails = gateway.guardrails as Record<string, Record<string, unknown> | undefined> | undefined;
  const limits = (gateway.rate_limits as { calls?: number; key?: string }[] | undefined) ?? [];
  const pii = (side: 'input' | 'output') =>
    text((guardrails?.[side]?.pii as { behavior?: string } | undefined)?.behavior, 'NONE');
  const on =
    guardrails !== undefined &&
    (pii('input') !== 'NONE' || pii('output') !== 'NONE' || guardrails.input?.safety === true);
  return {
    label: name,
    state: on ? 'guardrails on' : 'guardrails off',
    summary: [
      `task ${text(raw.task)}`,
      `PII input ${pii('input')}, output ${pii('output')}`,
      `safety ${guardrails?.input?.safety === true ? 'on' : 'off'}`,
      limits.length > 0
        ? `rate limit ${limits.map((l) => `${l.calls}/min per ${l.key ?? 'user'}`).join(', ')}`
        : 'no rate limit',
    ].join(' · '),
    raw,
  };
}

const gatewayOf = (observed: ObservedResource) => ({
  ...((observed.raw.ai_gateway ?? {}) as Record<string, unknown>),
});

/** `PUT /api/2.0/serving-endpoints/{name}/ai-gateway`: the endpoint's gateway config with guardrails and a rate limit. */
export const addGuardrails: ActionKind = {
  name: 'add-guardrails',
  title: 'Add AI Gateway guardrails',
  resource: 'serving endpoint',
  undo: 'remove-guardrails',
  observe: async (api, name) => {
    const observed = await observeEndpoint(api, name);
    if (text(observed.raw.task, '').startsWith('agent/')) {
      throw new Conflict(
        `${name} is an agent endpoint: Databricks' AI Gateway supports only inference tables on agent endpoints. Put the guardrails on the LLM endpoint the agent calls.`,
      );
    }
    return observed;
  },
  alreadyDone: (observed) =>
    observed.state === 'guardrails on' ? `The endpoint ${observed.label} already has guardrails.` : undefined,
  change: () => [
    'Input: PII BLOCK, safety filter on. Output: PII MASK (guardrails).',
    'Rate limit: 60 calls per minute per user (rate_limits).',
    'The rest of its AI Gateway configuration (inference table, usage tracking) is kept.',
  ],
  execute: async (api, name, observed) => {
    await api.rest('PUT', `/api/2.0/serving-endpoints/${encodeURIComponent(name)}/ai-gateway`, {
      ...gatewayOf(observed),
      ...GUARDRAILS,
    });
  },
  verify: (observed) => (observed.state === 'guardrails on' ? 'done' : 'not done'),
};

/** The undo of add-guardrails: the gateway config without guardrails and rate limits. */
export const removeGuardrails: ActionKind = {
  name: 'remove-guardrails',
  title: 'Remove AI Gateway guardrails',
  resource: 'serving endpoint',
  undo: 'add-guardrails',
  observe: (api, name) => observeEndpoint(api, name),
  alreadyDone: (observed) =>
    observed.state === 'guardrails off' ? `The endpoint ${observed.label} has no guardrails.` : undefined,
  change: () => ['Guardrails and rate limits removed; the rest of its AI Gateway configuration is kept.'],
  execute: async (api, name, observed) => {
    const { guardrails: _guardrails, rate_limits: _limits, ...rest } = gatewayOf(observed);
    await api.rest('PUT', `/api/2.0/serving-endpoints/${encodeURIComponent(name)}/ai-gateway`, rest);
  },
  verify: (observed) => (observed.state === 'guardrails off' ? 'done' : 'not done'),
};
