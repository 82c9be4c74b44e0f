import { describe, expect, it } from 'vitest';
import { sampleAccessRequest } from '../bots/sandbox/sample-access-request.js';
import { renderSlackMessage } from '../bots/slack/render/render-message.js';
import { renderAdaptiveCard } from '../bots/teams/render/render-card.js';
import { accessEventReply } from '../src/access/access-event-replies.js';
import {
  approvalRequestMessage,
  expiryWarningMessage,
  myAccessMessage,
  requesterUpdateMessage,
} from '../src/access/access-messages.js';
import type { AccessRequestRow, AccessRequestState } from '../src/db/tables/access-requests.js';
import type { ChatMessage, Person } from '../src/messages/chat-message.js';
import type { PeopleBook } from '../src/people/people-book.js';

const ID = '7b4ef7c1-8a3e-4d5a-9b1e-1c2d3e4f5a6b';
const ENDS = new Date('2026-11-23T11:00:27Z');

/** Priya asks on Slack; Erin (Teams) decides; both are known on both platforms by e-mail. */
const PEOPLE: Record<string, Person> = {
  'slack:U0PRIYA': { email: 'priya@example.com', name: 'Priya Shah', ids: { slack: 'U0PRIYA' } },
  'teams:erin@example.com': {
    email: 'erin@example.com',
    name: 'Erin Moss',
    ids: { teams: 'erin@example.com', slack: 'U0ERIN' },
  },
};
const book: PeopleBook = { person: (ref) => PEOPLE[ref]! };

function request(state: AccessRequestState): AccessRequestRow {
  const at = new Date('2026-11-23T09:00:00Z');
  const decided = state !== 'pending' && state !== 'timed_out';
  const ended = ['active', 'expired', 'revoked'].includes(state);
  return sampleAccessRequest(at, {
    id: ID,
    requester: 'slack:U0PRIYA',
    requester_email: 'priya@example.com',
    duration_seconds: 7227,
    ticket_url: null,
    state,
    min_approvals: 1,
    policy: {
      approvers: ['teams:erin@example.com'],
      approvalChannels: [],
      minApprovals: 1,
      maxDurationSeconds: 28800,
      requireReason: true,
      approvalTimeoutSeconds: 86400,
      autoApproved: false,
    },
    decided_at: decided ? at : null,
    decided_by: decided ? 'teams:erin@example.com' : null,
    deny_reason: state === 'denied' ? 'use the replica' : null,
    starts_at: ended ? at : null,
    ends_at: ended ? ENDS : null,
    revoke_requested_by: state === 'revoked' ? 'teams:erin@example.com' : null,
    ended_at: state === 'expired' || state === 'revoked' ? ENDS : null,
    last_error: state === 'apply_failed' ? 'group not found' : null,
  });
}

const STATES: AccessRequestState[] = [
  'pending',
  'approved',
  'active',
  'denied',
  'timed_out',
  'expired',
  'revoked',
  'apply_failed',
];

const KINDS: [string, ChatMessage][] = [
  ...STATES.map((state): [string, ChatMessage] => [
    `approval card (${state}), channel`,
    approvalRequestMessage(request(state), [], { showRequesterEmail: false, people: book }),
  ]),
  ...STATES.map((state): [string, ChatMessage] => [
    `requester DM (${state})`,
    requesterUpdateMessage(request(state), book),
  ]),
  ...STATES.filter((state) => state !== 'pending').map((state): [string, ChatMessage] => [
    `thread reply (${state})`,
    accessEventReply(request(state), book)!,
  ]),
  ['expiry warning', expiryWarningMessage(request('active'))],
  ['my access', myAccessMessage([request('active')], [request('pending')])],
];

describe.each(KINDS)('%s, on both platforms', (_kind, message) => {
  const slack = JSON.stringify(renderSlackMessage(message));
  const card = renderAdaptiveCard(message);
  const teams = JSON.stringify(card);

  it('names the request by its short reference, never its UUID, and reads in the singular or plural', () => {
    const visible = (text: string) => text.replaceAll(`"value":"${ID}"`, '');
    for (const rendered of [slack, teams]) {
      expect(rendered).toContain('AR-1042');
      expect(visible(rendered)).not.toContain(ID);
      expect(rendered).not.toContain('(s)');
    }
  });

  it('shows every time in the reader’s zone, to the second', () => {
    expect(slack).not.toMatch(/ \d\d:\d\d UTC/);
    expect(teams).not.toMatch(/\d\d:\d\d(:\d\d)? UTC/);
    if (slack.includes('<!date^'))
      expect(slack).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time_secs\}\|[^>]+ UTC>/);
    if (slack.includes('1795431627')) expect(teams).toContain('{{TIME(2026-11-23T11:00:27Z)}} and 27 s');
  });

  it('mentions each person on their own platform and names them elsewhere', () => {
    expect(slack).not.toContain('priya@example.com');
    expect(slack).not.toContain('<at>');
    expect(teams).not.toContain('U0PRIYA');
    expect(teams).not.toContain('U0ERIN');
    if (slack.includes('U0ERIN')) {
      expect(slack).toContain('<@U0ERIN>');
      expect(teams).toContain('<at>Erin Moss</at>');
      expect(card.msteams?.entities).toContainEqual({
        type: 'mention',
        text: '<at>Erin Moss</at>',
        mentioned: { id: 'erin@example.com', name: 'Erin Moss' },
      });
    }
    if (slack.includes('<@U0PRIYA>')) expect(teams).toContain('Priya Shah');
  });

  it('shows at most three buttons; the rest go to the overflow menu', () => {
    const buttons = renderSlackMessage(message).blocks.flatMap((block) =>
      block.type === 'actions' ? block.elements.filter((element) => element.type === 'button') : [],
    );
    expect(buttons.length).toBeLessThanOrEqual(3);
    const primary = (card.actions ?? []).filter((action) => action.mode !== 'secondary');
    expect(primary.length).toBeLessThanOrEqual(3);
  });
});

it('a message with five actions shows three buttons and puts two in the "more" menu on both platforms', () => {
  const message: ChatMessage = {
    kind: 'test',
    title: 'Five actions',
    actions: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id: `x.${id}`, label: id.toUpperCase(), value: 'v' })),
  };
  const blocks = renderSlackMessage(message).blocks;
  const elements = blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
  expect(elements.map((element) => element.type)).toEqual(['button', 'button', 'button', 'overflow']);
  const card = renderAdaptiveCard(message);
  expect(card.actions?.map((action) => action.mode ?? 'primary')).toEqual([
    'primary',
    'primary',
    'primary',
    'secondary',
    'secondary',
  ]);
});
