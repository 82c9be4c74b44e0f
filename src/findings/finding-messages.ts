import type { AgentRow, SecurityFindingRow } from '../db/tables/agent-security.js';
import { ROLE_LABELS, type FindingSeverity } from '../detectors/scanned-text.js';
import {
  userText,
  type ChatMessage,
  type MessageAction,
  type MessageField,
  type Severity,
} from '../messages/chat-message.js';
import { parseChatUser } from '../ports/chat-user.js';
import { mention } from '../messages/chat-message.js';
import type { RedactedEvidence } from './redact-evidence.js';
import { ACTION_BUTTONS, sourceButtonValue } from '../actions/action-messages.js';
import { FINDING_SUBJECT } from './finding-deps.js';

/** Action ids the front ends route on; the value is the finding id. */
export const FINDING_ACTIONS = {
  acknowledge: 'finding.acknowledge',
  snoozeHour: 'finding.snooze_1h',
  snoozeDay: 'finding.snooze_1d',
  snoozeWeek: 'finding.snooze_1w',
  muteRule: 'finding.mute_rule',
  falsePositive: 'finding.false_positive',
} as const;

export const SNOOZE_SECONDS: Record<string, number> = {
  [FINDING_ACTIONS.snoozeHour]: 3600,
  [FINDING_ACTIONS.snoozeDay]: 86_400,
  [FINDING_ACTIONS.snoozeWeek]: 7 * 86_400,
};

const DETECTOR_TITLES: Record<string, string> = {
  secrets: 'Secret',
  pii: 'Personal data',
  injection: 'Prompt injection',
  policy: 'Policy violation',
};

/** Chat severity of a finding severity (subscription filters use info / warning / critical). */
export function chatSeverity(severity: FindingSeverity): Severity {
  return severity === 'low' ? 'info' : severity === 'medium' ? 'warning' : 'critical';
}

export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function actorText(actor: string | null): string {
  if (!actor) return 'someone';
  try {
    return mention(parseChatUser(actor));
  } catch {
    return actor;
  }
}

export function findingStatus(finding: SecurityFindingRow, now: Date): string {
  const by = `${actorText(finding.state_changed_by)}${finding.state_changed_at ? ` at ${formatTime(finding.state_changed_at)}` : ''}`;
  switch (finding.state) {
    case 'open':
      return 'Open';
    case 'acknowledged':
      return `Acknowledged by ${by}`;
    case 'snoozed':
      return finding.snoozed_until && finding.snoozed_until > now
        ? `Snoozed by ${by} until ${formatTime(finding.snoozed_until)}`
        : 'Open (snooze ended)';
    case 'muted':
      return `Rule muted for this agent by ${by}`;
    case 'false_positive':
      return `Marked as a false positive by ${by}; allow-listed`;
  }
}

function actionsFor(finding: SecurityFindingRow, agent: AgentRow): MessageAction[] {
  if (finding.state === 'muted' || finding.state === 'false_positive') return [];
  const value = finding.id;
  const actions: MessageAction[] = [];
  if (finding.state !== 'acknowledged') {
    actions.push({ id: FINDING_ACTIONS.acknowledge, label: 'Acknowledge', value, style: 'primary' });
  }
  // At most three buttons (the destructive ones ask first); the snoozes in the overflow menu.
  actions.push(
    {
      id: FINDING_ACTIONS.falsePositive,
      label: 'False positive',
      value,
      style: 'danger',
      confirm: {
        title: 'Mark as a false positive?',
        text: 'This value is allow-listed for the agent and will not be reported again.',
        goAhead: 'False positive',
      },
    },
    {
      id: FINDING_ACTIONS.muteRule,
      label: 'Mute rule for this agent',
      value,
      confirm: {
        title: 'Mute this rule?',
        text: `Later ${finding.detector}/${finding.rule} findings for this agent will not be reported, and its open ones are muted.`,
        goAhead: 'Mute rule',
      },
    },
    { id: FINDING_ACTIONS.snoozeHour, label: 'Snooze 1 h', value, overflow: true },
    { id: FINDING_ACTIONS.snoozeDay, label: 'Snooze 1 d', value, overflow: true },
    { id: FINDING_ACTIONS.snoozeWeek, label: 'Snooze 1 w', value, overflow: true },
  );
  // A served agent leaking PII or receiving injections: AI Gateway guardrails (an approved action).
  if ((finding.detector === 'pii' || finding.detector === 'injection') && agent.endpoint_id) {
    actions.push({
      id: ACTION_BUTTONS.request,
      label: 'Add guardrails',
      value: sourceButtonValue('add-guardrails', FINDING_SUBJECT, finding.id),
      overflow: true,
    });
  }
  return actions;
}

/** How a finding's evidence reads: kind, length, ends. Never the value. */
export function evidenceSummary(evidence: RedactedEvidence): string {
  const ends = evidence.prefix ? `, starts \`${evidence.prefix}\` ends \`${evidence.suffix}\`` : '';
  return `${evidence.kind}, ${evidence.length} characters${ends}`;
}

/** Where to look: the MLflow trace id, or the inference table's request id (to find the row). */
function traceFields(finding: SecurityFindingRow): MessageField[] {
  if (finding.last_trace_id && finding.last_trace_id !== finding.last_request_id) {
    return [{ label: 'Trace', value: `MLflow trace \`${userText(finding.last_trace_id)}\`` }];
  }
  if (finding.last_request_id) {
    return [{ label: 'Trace', value: `inference request id \`${userText(finding.last_request_id)}\`` }];
  }
  return [];
}

/** The short reply in a finding card's thread when it was seen again since `announcedCount`. */
export function findingRepeatReply(
  finding: SecurityFindingRow,
  announcedCount: number,
  now: Date,
): ChatMessage {
  const again = finding.count - announcedCount;
  const request = finding.last_request_id ? ` (request \`${userText(finding.last_request_id)}\`)` : '';
  return {
    kind: 'security.finding.repeat',
    title: `Seen again${again > 1 ? ` ${again} times` : ''}: ${finding.count} times in all, last ${formatTime(finding.last_seen_at)}${request}`,
    severity: chatSeverity(finding.severity),
    context: [`Finding ${finding.id} · ${findingStatus(finding, now)}`],
  };
}

/** The card posted for a finding to `security` subscribers, and updated on repeats and clicks. */
export function findingMessage(finding: SecurityFindingRow, agent: AgentRow, now: Date): ChatMessage {
  const title = `${DETECTOR_TITLES[finding.detector] ?? finding.detector} in ${ROLE_LABELS[finding.role]} of ${agent.name}: ${finding.evidence.kind}`;
  return {
    kind: 'security.finding',
    title: userText(title),
    severity: chatSeverity(finding.severity),
    fields: [
      {
        label: 'Agent',
        value: userText(`${agent.name} (${agent.workspace_url.replace(/^https:\/\//, '')})`),
      },
      { label: 'Severity', value: finding.severity },
      { label: 'Rule', value: `${finding.detector} / ${finding.rule}` },
      { label: 'Where', value: ROLE_LABELS[finding.role] },
      ...(finding.last_requester ? [{ label: 'Requester', value: userText(finding.last_requester) }] : []),
      {
        label: 'Seen',
        value: `${finding.count} time${finding.count === 1 ? '' : 's'}, first ${formatTime(finding.first_seen_at)}, last ${formatTime(finding.last_seen_at)}`,
      },
      ...(finding.evidence.quote ? [{ label: 'Attack text', value: userText(finding.evidence.quote) }] : []),
      { label: 'Evidence', value: userText(evidenceSummary(finding.evidence)) },
      { label: 'Context', value: userText(finding.evidence.context) },
      ...traceFields(finding),
      { label: 'Status', value: findingStatus(finding, now) },
    ],
    context: [
      `Finding ${finding.id}${finding.last_trace_id ? ` · last trace ${userText(finding.last_trace_id)}` : ''}${finding.last_request_id && finding.last_request_id !== finding.last_trace_id ? ` · request ${userText(finding.last_request_id)}` : ''}`,
    ],
    actions: actionsFor(finding, agent),
    link: {
      label: `Open ${agent.name} in Databricks`,
      url: `${agent.workspace_url.replace(/\/$/, '')}/ml/endpoints/${encodeURIComponent(agent.name)}`,
    },
  };
}
