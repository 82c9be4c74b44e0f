import { describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS } from '../../../src/access/access-messages.js';
import { mention, userText, type ChatMessage } from '../../../src/messages/chat-message.js';
import { teamsPeopleMentioned } from './card-refresh.js';
import { escapeCardText, renderAdaptiveCard } from './render-card.js';

const approvalCard: ChatMessage = {
  kind: 'access.request',
  title: 'Access request: analysts for 2h',
  fields: [
    {
      label: 'Requester',
      value: `${mention({ platform: 'teams', id: 'dana@example.com' })} (dana@example.com)`,
    },
    {
      label: 'Policy',
      value: `1 approval(s) from ${mention({ platform: 'slack', id: 'U0APPROVE1' })}, ${mention({ platform: 'teams', id: 'erin@example.com' })}`,
    },
  ],
  actions: [
    { id: ACCESS_ACTIONS.approve, label: 'Approve', value: 'req-1', style: 'primary' },
    { id: ACCESS_ACTIONS.deny, label: 'Deny', value: 'req-1', style: 'danger' },
  ],
};

describe('renderAdaptiveCard (neutral message → Adaptive Card 1.5)', () => {
  it('puts overflow actions in the card menu (secondary mode)', () => {
    const card = renderAdaptiveCard({
      kind: 'security.finding',
      title: 'x',
      actions: [
        { id: 'finding.acknowledge', label: 'Acknowledge', value: 'f1' },
        { id: 'finding.mute_rule', label: 'Mute rule', value: 'f1', overflow: true },
      ],
    });
    expect(card.actions!.map((action) => action.mode ?? 'primary')).toEqual(['primary', 'secondary']);
  });

  it('gives every Action.Execute an Action.Submit fallback carrying the same data', () => {
    const card = renderAdaptiveCard(approvalCard);
    expect(card.version).toBe('1.5');
    expect(card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        verb: ACCESS_ACTIONS.approve,
        data: { action: ACCESS_ACTIONS.approve, value: 'req-1' },
        style: 'positive',
        fallback: {
          type: 'Action.Submit',
          title: 'Approve',
          data: { action: ACCESS_ACTIONS.approve, value: 'req-1' },
          style: 'positive',
        },
      }),
      expect.objectContaining({ verb: ACCESS_ACTIONS.deny, style: 'destructive' }),
    ]);
  });

  it('offers an optional reason input on cards with Deny, and none elsewhere', () => {
    expect(renderAdaptiveCard(approvalCard).body).toContainEqual(
      expect.objectContaining({ type: 'Input.Text', id: 'reason', isMultiline: true, maxLength: 1000 }),
    );
    const help = renderAdaptiveCard({ kind: 'help', title: 'Help', body: ['`help` — this list'] });
    expect(JSON.stringify(help)).not.toContain('Input.Text');
    expect(help.actions).toBeUndefined();
  });

  it('adds a refresh block for the given Teams people, at most 60 of them', () => {
    const userIds = Array.from({ length: 70 }, (_, i) => `29:user-${i}`);
    const card = renderAdaptiveCard(approvalCard, {
      refresh: { verb: 'access.refresh', data: { action: 'access.refresh', value: 'req-1' }, userIds },
    });
    expect(card.refresh?.action).toEqual({
      type: 'Action.Execute',
      title: 'Refresh',
      verb: 'access.refresh',
      data: { action: 'access.refresh', value: 'req-1' },
    });
    expect(card.refresh?.userIds).toHaveLength(60);
    expect(renderAdaptiveCard(approvalCard).refresh).toBeUndefined();
  });

  it('shows a notice above the message, in the colour of its severity', () => {
    const card = renderAdaptiveCard(approvalCard, {
      notice: { text: 'You are not an approver.', severity: 'warning' },
    });
    expect(card.body[0]).toMatchObject({
      type: 'TextBlock',
      text: 'You are not an approver.',
      color: 'Warning',
    });
    expect(card.body[1]).toMatchObject({ text: 'Access request: analysts for 2h' });
  });

  it('neutralises markdown in what people typed, and cannot be made to forge a mention', () => {
    const typed = userText(`**urgent** [click](https://evil.example) \uE000teams:boss@example.com\uE000`);
    const escaped = escapeCardText(typed);
    // No backslashes (Teams mobile shows them): look-alikes and zero-width spaces instead.
    expect(escaped).toBe('∗∗urgent∗∗ [click]\u200B(https://evil.example) teams:boss@example.com');
    expect(escapeCardText('- not a list\n1. nor this')).toBe('\u200B- not a list\n\u200B1. nor this');
    expect(escapeCardText('_emphasis_ but data_analysts stays')).toBe('＿emphasis＿ but data_analysts stays');
    expect(escapeCardText('Type `policies` to see them')).toBe('Type “policies” to see them');
    expect(escapeCardText('C:\\temp *x*')).not.toMatch(/\\[*_[\]]/);
  });
});

describe('teamsPeopleMentioned', () => {
  it('finds the Teams people a message names (for the refresh list), not the Slack ones', () => {
    expect(teamsPeopleMentioned(approvalCard).sort()).toEqual(['dana@example.com', 'erin@example.com']);
  });
});
