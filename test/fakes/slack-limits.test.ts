import { describe, expect, it } from 'vitest';
import { checkMessage, checkView } from './slack-limits.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const sections = (count: number) => Array.from({ length: count }, () => section('x'));
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string) => ({ type: 'plain_text', text });
const actions = (button: Record<string, unknown>) => ({
  type: 'actions',
  elements: [{ type: 'button', action_id: 'approve', value: 'v', text: plain('Approve'), ...button }],
});
const modal = (overrides: Record<string, unknown>) => ({
  type: 'modal',
  title: plain('Request access'),
  blocks: [],
  ...overrides,
});

describe('message limits', () => {
  it.each([
    ['section text over 3,000', [section('x'.repeat(3001))], '/blocks/0/text/text'],
    ['more than 50 blocks', sections(51), '/blocks'],
    ['more than 10 fields', [{ type: 'section', fields: Array(11).fill(mrkdwn('f')) }], '/blocks/0/fields'],
    [
      'a field over 2,000',
      [{ type: 'section', fields: [mrkdwn('f'.repeat(2001))] }],
      '/blocks/0/fields/0/text',
    ],
    ['header text over 150', [{ type: 'header', text: plain('h'.repeat(151)) }], '/blocks/0/text/text'],
    ['button text over 75', [actions({ text: plain('b'.repeat(76)) })], '/blocks/0/elements/0/text/text'],
    ['button value over 2,000', [actions({ value: 'v'.repeat(2001) })], '/blocks/0/elements/0/value'],
    ['action_id over 255', [actions({ action_id: 'a'.repeat(256) })], '/blocks/0/elements/0/action_id'],
    ['block_id over 255', [{ ...section('x'), block_id: 'b'.repeat(256) }], '/blocks/0/block_id'],
    [
      'an accessory button over 75',
      [{ ...section('x'), accessory: { type: 'button', text: plain('b'.repeat(76)) } }],
      '/blocks/0/accessory/text/text',
    ],
  ])('rejects %s as invalid_blocks', (_, blocks, pointer) => {
    expect(checkMessage({ text: 'fallback', blocks })).toEqual({
      ok: false,
      error: 'invalid_blocks',
      errors: [expect.stringContaining(`[json-pointer:${pointer}]`)],
      response_metadata: { messages: [expect.stringMatching(/^\[ERROR\] /)] },
    });
  });

  it('accepts a message exactly at every limit', () => {
    const blocks = [
      section('x'.repeat(3000)),
      { type: 'section', fields: Array(10).fill(mrkdwn('f'.repeat(2000))), block_id: 'b'.repeat(255) },
      { type: 'header', text: plain('h'.repeat(150)) },
      actions({ text: plain('b'.repeat(75)), value: 'v'.repeat(2000), action_id: 'a'.repeat(255) }),
      ...sections(46),
    ];

    expect(checkMessage({ text: 't'.repeat(40_000), blocks })).toBeUndefined();
  });

  it('counts UTF-16 code units, the stricter reading of "characters"', () => {
    expect(checkMessage({ blocks: [section('🔥'.repeat(1500))] })).toBeUndefined();
    expect(checkMessage({ blocks: [section('🔥'.repeat(1501))] })).toMatchObject({ error: 'invalid_blocks' });
  });

  it('rejects text over 40,000 characters as msg_too_long', () => {
    expect(checkMessage({ text: 't'.repeat(40_001) })).toEqual({ ok: false, error: 'msg_too_long' });
  });
});

describe('view limits', () => {
  it.each([
    ['a title over 24', modal({ title: plain('t'.repeat(25)) }), '/view/title/text'],
    ['a submit label over 24', modal({ submit: plain('s'.repeat(25)) }), '/view/submit/text'],
    ['a close label over 24', modal({ close: plain('c'.repeat(25)) }), '/view/close/text'],
    ['private_metadata over 3,000', modal({ private_metadata: 'm'.repeat(3001) }), '/view/private_metadata'],
    ['more than 100 blocks', modal({ blocks: sections(101) }), '/view/blocks'],
    [
      'a long section in a home tab',
      { type: 'home', blocks: [section('x'.repeat(3001))] },
      '/view/blocks/0/text/text',
    ],
  ])('rejects %s as invalid_arguments', (_, view, pointer) => {
    expect(checkView(view)).toEqual({
      ok: false,
      error: 'invalid_arguments',
      response_metadata: { messages: [expect.stringContaining(`[json-pointer:${pointer}]`)] },
    });
  });

  it('accepts 100 blocks and 24-character labels', () => {
    const view = modal({
      title: plain('t'.repeat(24)),
      submit: plain('s'.repeat(24)),
      blocks: sections(100),
    });

    expect(checkView(view)).toBeUndefined();
    expect(
      checkView({ type: 'home', blocks: sections(100), private_metadata: 'm'.repeat(3000) }),
    ).toBeUndefined();
  });
});
