import { executeActionsOf } from './support/teams-test-bot.js';
import { describe, expect, it } from 'vitest';
import { sampleAccessRequest } from '../bots/sandbox/sample-access-request.js';
import { renderSlackMessage } from '../bots/slack/render/render-message.js';
import { renderAdaptiveCard } from '../bots/teams/render/render-card.js';
import {
  ACCESS_ACTIONS,
  approvalRequestMessage,
  expiryWarningMessage,
  requesterUpdateMessage,
} from '../src/access/access-messages.js';
import type { AccessApprovalRow, AccessRequestRow } from '../src/db/tables/access-requests.js';
import type { ChatMessage } from '../src/messages/chat-message.js';

const INJECTION = '<!channel> [click me](https://evil.example/steal?x=1) **bold** <at>Everyone</at> _x_';

function request(overrides: Partial<AccessRequestRow> = {}): AccessRequestRow {
  return sampleAccessRequest(new Date('2026-11-23T09:00:00Z'), {
    requester_email: 'alice@example.com',
    reason: INJECTION,
    ...overrides,
  });
}

const oneApproval: AccessApprovalRow[] = [
  {
    request_id: 'x',
    approver: 'slack:U0APPROVE1',
    decision: 'approve',
    reason: null,
    decided_at: new Date('2026-11-23T09:05:00Z'),
  },
];
const decided = { decided_at: new Date('2026-11-23T09:10:00Z'), decided_by: 'teams:erin@example.com' };

/** One message of every kind the bot sends; the last three are examples of later pillars' alerts. */
const MESSAGES: Record<string, ChatMessage> = {
  'access request': approvalRequestMessage(request(), oneApproval),
  'decision (denied, with reason)': requesterUpdateMessage(
    request({ state: 'denied', ...decided, deny_reason: INJECTION }),
  ),
  'grant active': requesterUpdateMessage(
    request({
      state: 'active',
      ...decided,
      starts_at: decided.decided_at,
      ends_at: new Date('2026-11-23T11:10:00Z'),
    }),
  ),
  'expiry warning': expiryWarningMessage(
    request({ state: 'active', ends_at: new Date('2026-11-23T11:10:00Z') }),
  ),
  'connector health': {
    kind: 'connector.health',
    title: 'Region us-east-1 is Degraded',
    severity: 'warning',
    fields: [
      { label: 'Failing tables', value: 'system.query.history' },
      { label: 'Last ingestion', value: '2026-11-23 08:45 UTC' },
    ],
    context: ['Connector prod-account'],
  },
  'cost alert': {
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
  'security finding': {
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
};

describe.each(Object.entries(MESSAGES))('%s, rendered for Slack and Teams', (_name, message) => {
  const slack = renderSlackMessage(message);
  const card = renderAdaptiveCard(message);
  const slackText = JSON.stringify(slack.blocks);
  const cardText = JSON.stringify(card);

  it('carries the same title, fields and actions on both platforms', () => {
    expect(slack.text.length).toBeGreaterThan(0);
    for (const field of message.fields ?? []) {
      expect(slackText).toContain(field.label);
      expect(cardText).toContain(field.label);
    }
    for (const action of message.actions ?? []) {
      expect(slackText).toContain(`"action_id":"${action.id}"`);
      // A destructive action is one step further, behind its confirmation (Action.ShowCard).
      expect(executeActionsOf(card)).toContainEqual(
        expect.objectContaining({ type: 'Action.Execute', verb: action.id }),
      );
      if (action.confirm) {
        expect(slackText).toContain(`"title":{"type":"plain_text","text":"${action.confirm.title}"}`);
        expect(card.actions).toContainEqual(
          expect.objectContaining({ type: 'Action.ShowCard', title: action.label }),
        );
      }
    }
    expect(card.version).toBe('1.5');
  });

  it('neutralises user text: no channel-wide mention, link or markup injection', () => {
    expect(slackText).not.toContain('<!channel>');
    expect(slackText).not.toContain('<https://evil');
    expect(cardText).not.toContain('[click me](https://evil');
    expect(cardText).not.toContain('**bold**');
    // The only real mentions are ours, each backed by a mention entity; typed ones stay inert.
    const entities = (card.msteams?.entities ?? []).map((entity) => entity.text);
    for (const tag of cardText.match(/<at>[^<]*<\/at>/g) ?? []) expect(entities).toContain(tag);
    expect(entities.join(' ')).not.toContain('Everyone');
  });
});

describe('limits applied by both renderers', () => {
  const huge = approvalRequestMessage(request({ reason: 'x'.repeat(20_000) }), []);

  it('keeps Slack within section and block limits', () => {
    const slack = renderSlackMessage(huge);
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(slack.blocks)).not.toContain('x'.repeat(3_001));
  });

  it('keeps a Teams card well under the 28 KB message limit', () => {
    expect(Buffer.byteLength(JSON.stringify(renderAdaptiveCard(huge)))).toBeLessThan(28_000);
  });

  it('shows approvers on both platforms as mentions or names', () => {
    const slack = JSON.stringify(renderSlackMessage(MESSAGES['access request']!).blocks);
    expect(slack).toContain('<@U0APPROVE1>');
    expect(slack).toContain('erin@example.com');
    expect(JSON.stringify(renderAdaptiveCard(MESSAGES['access request']!))).toContain('erin@example.com');
    expect(ACCESS_ACTIONS.approve).toBe('access.approve');
  });
});
