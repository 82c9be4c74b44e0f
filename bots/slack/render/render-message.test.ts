import { describe, expect, it } from 'vitest';
import { mention, userText } from '../../../src/messages/chat-message.js';
import { renderSlackMessage } from './render-message.js';

describe('Block Kit rendering', () => {
  it('escapes user text so it cannot mention everyone or inject links', () => {
    const rendered = renderSlackMessage({
      kind: 'test',
      title: 'Request',
      fields: [{ label: 'Reason', value: userText('<!channel> see <https://evil.example|here> & more') }],
    });
    const text = JSON.stringify(rendered.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&amp; more');
  });

  it('turns our mentions into Slack mentions, but never ones forged in user text', () => {
    const forged = `${'\uE000'}slack:U0VICTIM1${'\uE000'}`;
    const rendered = renderSlackMessage({
      kind: 'test',
      title: 'x',
      body: [`by ${mention({ platform: 'slack', id: 'U0APPROVE1' })}`, userText(`reason ${forged}`)],
    });
    const text = JSON.stringify(rendered.blocks);
    expect(text).toContain('<@U0APPROVE1>');
    expect(text).not.toContain('<@U0VICTIM1>');
  });

  it('keeps within Slack limits: section text, fields per section, block count', () => {
    const rendered = renderSlackMessage({
      kind: 'test',
      title: 't'.repeat(5000),
      body: Array.from({ length: 200 }, (_, i) => `paragraph ${i} ${'x'.repeat(400)}`),
      fields: Array.from({ length: 25 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(3000) })),
    });
    expect(rendered.blocks.length).toBeLessThanOrEqual(50);
    for (const block of rendered.blocks) {
      if (block.type !== 'section') continue;
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
  });

  it('puts overflow actions in one overflow menu whose options carry the action and value', () => {
    const rendered = renderSlackMessage({
      kind: 'test',
      title: 'x',
      actions: [
        { id: 'finding.acknowledge', label: 'Acknowledge', value: 'f1', style: 'primary' },
        { id: 'finding.snooze_1h', label: 'Snooze 1 h', value: 'f1', overflow: true },
        { id: 'finding.mute_rule', label: 'Mute rule', value: 'f1', overflow: true },
      ],
    });
    const block = rendered.blocks.at(-1) as { elements: { type: string; options?: { value: string }[] }[] };
    expect(block.elements.map((element) => element.type)).toEqual(['button', 'overflow']);
    expect(block.elements[1]!.options!.map((option) => option.value)).toEqual([
      'finding.snooze_1h f1',
      'finding.mute_rule f1',
    ]);
  });

  it('renders actions as buttons with ids, values and styles', () => {
    const rendered = renderSlackMessage({
      kind: 'test',
      title: 'x',
      actions: [
        { id: 'access.approve', label: 'Approve', value: 'r1', style: 'primary' },
        { id: 'access.deny', label: 'Deny', value: 'r1', style: 'danger' },
      ],
    });
    expect(rendered.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'access.approve',
          text: { type: 'plain_text', text: 'Approve', emoji: true },
          value: 'r1',
          style: 'primary',
        },
        {
          type: 'button',
          action_id: 'access.deny',
          text: { type: 'plain_text', text: 'Deny', emoji: true },
          value: 'r1',
          style: 'danger',
        },
      ],
    });
  });
});
