import {
  lowerSeverity,
  type DetectorName,
  type FindingSeverity,
  type Match,
  type TextRole,
} from './scanned-text.js';

/**
 * Where each kind of hit counts, and how much. Leaks matter where the agent speaks or acts
 * (agent output, tool-call arguments); injection matters where outside text reaches the model
 * (user input, and most of all retrieved documents and tool results: indirect injection).
 * `undefined`: not reported in that role.
 */
type RoleRule = (base: FindingSeverity, role: TextRole) => FindingSeverity | undefined;

const LEAK_ROLES: readonly TextRole[] = ['agent_output', 'tool_arguments'];
const OUTSIDE_CONTENT: readonly TextRole[] = ['retrieved_document', 'tool_result'];

const secrets: RoleRule = (base, role) => (LEAK_ROLES.includes(role) ? base : lowerSeverity(base, 'medium'));

const pii: RoleRule = (base, role) => (LEAK_ROLES.includes(role) ? base : undefined);

/** Phrases: direct injection in user input, indirect (and worse) in outside content. */
const injectionPhrase: RoleRule = (base, role) => {
  // A quoted phrase (base low) stays low where people type, one step up in outside content.
  if (base === 'low')
    return OUTSIDE_CONTENT.includes(role) ? 'medium' : role === 'user_input' ? 'low' : undefined;
  if (OUTSIDE_CONTENT.includes(role)) return base === 'medium' ? 'high' : 'critical';
  return role === 'user_input' ? base : undefined;
};

const INJECTION: Record<string, RoleRule> = {
  'ai-directed-instructions': (base, role) => (OUTSIDE_CONTENT.includes(role) ? base : undefined),
  'markdown-exfiltration': (base, role) => {
    if (role === 'agent_output' || role === 'user_input') return base;
    return OUTSIDE_CONTENT.includes(role) ? 'critical' : undefined;
  },
  'unicode-tag-smuggling': (base, role) => (OUTSIDE_CONTENT.includes(role) ? 'critical' : base),
  'invisible-characters': (base, role) => (role === 'tool_arguments' ? undefined : base),
  /** The optional classifier: one step below its base in user input (where people type freely). */
  'injection-classifier': (base, role) =>
    OUTSIDE_CONTENT.includes(role) ? base : role === 'user_input' ? lowerSeverity(base) : undefined,
};

const POLICY: Record<string, RoleRule> = {
  'tool-not-allowed': (base, role) => (role === 'tool_arguments' ? base : undefined),
  'outbound-domain': (base, role) =>
    role === 'tool_arguments' ? 'high' : role === 'agent_output' ? base : undefined,
  'banned-topic': (base, role) => (role === 'user_input' || role === 'agent_output' ? base : undefined),
};

/** The severity of a hit in a role, or undefined when it does not count there. */
export function severityInRole(
  detector: DetectorName,
  match: Match,
  role: TextRole,
): FindingSeverity | undefined {
  switch (detector) {
    case 'secrets':
      return secrets(match.severity, role);
    case 'pii':
      return pii(match.severity, role);
    case 'injection':
      return (INJECTION[match.rule] ?? injectionPhrase)(match.severity, role);
    case 'policy':
      return POLICY[match.rule]?.(match.severity, role);
  }
}

const RUN = new Map<TextRole, { pii: boolean; injection: boolean }>();

/** Which detectors are worth running on a role (policy and secrets everywhere, PII only where it leaks). */
export function detectorsFor(role: TextRole): { readonly pii: boolean; readonly injection: boolean } {
  let run = RUN.get(role);
  if (!run) {
    run = { pii: LEAK_ROLES.includes(role), injection: role !== 'tool_arguments' };
    RUN.set(role, run);
  }
  return run;
}
