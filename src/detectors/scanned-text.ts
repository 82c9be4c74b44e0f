/**
 * What the detectors look at and what they report. Every scanned text carries its role in the
 * agent's conversation, because the same words mean different things in different places: an
 * instruction override matters in a user's input or a retrieved document, a secret or a phone
 * number matters when the agent says it or sends it to a tool.
 */

/** Where a piece of text sits in an agent's trace. */
export type TextRole =
  'user_input' | 'agent_output' | 'retrieved_document' | 'tool_arguments' | 'tool_result';

export const TEXT_ROLES: readonly TextRole[] = [
  'user_input',
  'agent_output',
  'retrieved_document',
  'tool_arguments',
  'tool_result',
];

/** The role as people say it, for messages. */
export const ROLE_LABELS: Record<TextRole, string> = {
  user_input: 'user input',
  agent_output: 'agent output',
  retrieved_document: 'retrieved document',
  tool_arguments: 'tool-call arguments',
  tool_result: 'tool result',
};

export interface ScannedText {
  role: TextRole;
  text: string;
  /** The tool called (tool arguments) or answering (tool result), when known. */
  toolName?: string;
}

export type FindingSeverity = 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly FindingSeverity[] = ['low', 'medium', 'high', 'critical'];

export function severityRank(severity: FindingSeverity): number {
  return SEVERITIES.indexOf(severity);
}

/** One step down (not below `floor`). */
export function lowerSeverity(severity: FindingSeverity, floor: FindingSeverity = 'low'): FindingSeverity {
  return SEVERITIES[Math.max(severityRank(floor), severityRank(severity) - 1)]!;
}

export type DetectorName = 'secrets' | 'pii' | 'injection' | 'policy';

export const DETECTORS: readonly DetectorName[] = ['secrets', 'pii', 'injection', 'policy'];

/** A raw hit inside one text, before role rules and allow-lists. */
export interface Match {
  rule: string;
  /** What was found, in people's words ("Databricks personal access token"). */
  kind: string;
  start: number;
  end: number;
  severity: FindingSeverity;
  /**
   * What identifies a repeat of the same finding: the value itself for secrets and PII
   * (normalised), the domain for an exfiltration link, the tool for a forbidden tool call.
   */
  identity: string;
  /** The domain concerned, when there is one (URLs, e-mail addresses); allow-lists match on it. */
  domain?: string;
}

/** A hit that the role rules kept: what the findings layer fingerprints and redacts. */
export interface Detection extends Match {
  detector: DetectorName;
  role: TextRole;
}

/** The text's hits, plus every sensitive range (secrets and PII in any role) to mask in evidence. */
export interface TextScan {
  detections: Detection[];
  sensitiveRanges: { start: number; end: number }[];
}
