import {
  approvalRequestMessage,
  expiryWarningMessage,
  myAccessMessage,
  policiesMessage,
  requesterUpdateMessage,
} from '../../src/access/access-messages.js';
import type { GroupPolicy } from '../../src/access/policy/access-policy.js';
import { helpMessage } from '../../src/commands/help-message.js';
import type { AccessApprovalRow, AccessRequestRow } from '../../src/db/tables/access-requests.js';
import {
  personName,
  replaceMentions,
  replaceMoments,
  userText,
  type ChatMessage,
} from '../../src/messages/chat-message.js';
import { sampleAccessRequest } from './sample-access-request.js';
import { renderSlackMessage } from '../slack/render/render-message.js';
import { renderAdaptiveCard } from '../teams/render/render-card.js';

/**
 * The message gallery (GET /sandbox/gallery): one message of every neutral kind, each shown as the
 * console renders it and as Slack (Block Kit) and Teams (Adaptive Card) would, for a
 * screenshot-style review of how each kind reads on each platform.
 */

/**
 * Text a requester might type, with characters each platform treats specially (`_`, `<`, `&`).
 * Injection attempts are the renderer tests' business; here everything should read as written.
 */
const TYPED_REASON = userText('fix the nightly job_run (OPS-1) when 2 < 3 & done');

function sampleRequest(now: Date, overrides: Partial<AccessRequestRow> = {}): AccessRequestRow {
  return sampleAccessRequest(new Date(now.getTime() - 10 * 60_000), { reason: TYPED_REASON, ...overrides });
}

const GROUP: GroupPolicy = {
  key: 'analysts',
  databricksGroup: 'data-analysts',
  description: 'Read access to the analytics schemas',
  requesters: 'everyone',
  approvers: [],
  approverEmails: [],
  approverGroups: { databricksGroups: [], slackUserGroups: [] },
  approvalChannels: [],
  minApprovals: 1,
  maxDurationSeconds: 28800,
  minDurationSeconds: 900,
  defaultDurationSeconds: 7200,
  requireReason: true,
  approvalTimeoutSeconds: 86400,
  autoApprove: [],
};

/** One message of every kind, with sample content (neutral: nothing platform-specific). */
export function galleryMessages(now: Date): { name: string; message: ChatMessage }[] {
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
  const decided = { decided_at: minutes(-5), decided_by: 'teams:erin@example.com' };
  const active = sampleRequest(now, {
    state: 'active',
    ...decided,
    starts_at: minutes(-5),
    ends_at: minutes(115),
  });
  const oneApproval: AccessApprovalRow[] = [
    {
      request_id: 'x',
      approver: 'slack:U0APPROVE1',
      decision: 'approve',
      reason: null,
      decided_at: minutes(-6),
    },
  ];
  return [
    { name: 'help', message: helpMessage({ prefix: '/databricks ', unknownCommand: 'acess' }) },
    { name: 'access request', message: approvalRequestMessage(sampleRequest(now), oneApproval) },
    {
      name: 'request denied',
      message: requesterUpdateMessage(
        sampleRequest(now, {
          state: 'denied',
          ...decided,
          deny_reason: userText('not this week: _freeze_ in place'),
        }),
      ),
    },
    { name: 'grant active', message: requesterUpdateMessage(active) },
    { name: 'expiry warning', message: expiryWarningMessage(active) },
    {
      name: 'my access',
      message: myAccessMessage([active], [sampleRequest(now, { group_key: 'prod-admins' })]),
    },
    { name: 'policies', message: policiesMessage([GROUP]) },
    {
      name: 'connector health',
      message: {
        kind: 'connector.health',
        title: 'Region us-east-1 is Degraded',
        severity: 'warning',
        fields: [
          { label: 'Failing tables', value: 'system.query.history' },
          { label: 'Last ingestion', value: '2026-11-23 08:45 UTC' },
        ],
        context: ['Connector prod-account · `connectors` lists them all'],
      },
    },
    {
      name: 'cost alert',
      message: {
        kind: 'cost.alert',
        title: 'Budget 80% reached: workspace prod',
        severity: 'warning',
        fields: [
          { label: 'Spend (list)', value: '$8,012.40 of $10,000.00' },
          { label: 'Forecast', value: '$11,240 by 2026-11-30 (provisional)' },
        ],
        actions: [
          { id: 'cost.acknowledge', label: 'Acknowledge', value: 'alert-1' },
          { id: 'cost.snooze_1d', label: 'Snooze 1 day', value: 'alert-1' },
        ],
      },
    },
    {
      name: 'security finding',
      message: {
        kind: 'security.finding',
        title: 'Secret in agent output: support-bot',
        severity: 'critical',
        fields: [
          { label: 'Evidence', value: 'Databricks token, 40 chars, da…9f, "use [redacted] to call"' },
          { label: 'Trace', value: 'req-123' },
        ],
        actions: [
          { id: 'security.acknowledge', label: 'Acknowledge', value: 'finding-1' },
          { id: 'security.false_positive', label: 'False positive', value: 'finding-1', style: 'danger' },
        ],
      },
    },
    {
      name: 'error',
      message: {
        kind: 'error',
        title:
          'There is no requestable group called "analyst". The `policies` command lists the groups you can request.',
        severity: 'warning',
      },
    },
  ];
}

/** Mentions and times as the console shows them: `@name`, UTC to the second. */
const consoleText = (text: string) =>
  replaceMoments(
    replaceMentions(text, (person) => `@${personName(person)}`),
    (date) => `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`,
  );

function forConsole(message: ChatMessage): ChatMessage {
  return {
    ...message,
    title: consoleText(message.title),
    ...(message.body ? { body: message.body.map(consoleText) } : {}),
    ...(message.fields ? { fields: message.fields.map((f) => ({ ...f, value: consoleText(f.value) })) } : {}),
    ...(message.context ? { context: message.context.map(consoleText) } : {}),
  };
}

/** The gallery's data: each message neutral (for the console) and rendered for Slack and Teams. */
export function galleryView(now: Date) {
  return galleryMessages(now).map(({ name, message }) => ({
    name,
    kind: message.kind,
    console: forConsole(message),
    slack: renderSlackMessage(message).blocks,
    teams: renderAdaptiveCard(message),
  }));
}
