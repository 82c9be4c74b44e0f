/**
 * The front door against oversized, slow and malformed requests, and the Slack answers to what
 * careless or hostile people type: through the real HTTP server with signed requests.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import {
  ACCESS_POLICY,
  grantAccess,
  PEOPLE,
  SLACK_USERS,
  replyTo,
  requestCount,
  requestFormValues,
  seedDatabricks,
} from './support/access-fixture.js';
import { postSlack, slashCommandBody } from './support/slack-requests.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({
    policy: ACCESS_POLICY,
    slackUsers: SLACK_USERS,
    env: {
      ADMIN_SLACK_USER_IDS: PEOPLE.admin.id,
      TEAMS_ALLOW_ANONYMOUS: 'true',
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
    },
  });
  seedDatabricks(bot.databricks);
});
afterAll(async () => {
  await bot.stop();
});

const signedPost = (body: string) =>
  postSlack(`${bot.url}/slack/events`, body, { signingSecret: SIGNING_SECRET });
const payload = (p: unknown) => new URLSearchParams({ payload: JSON.stringify(p) }).toString();

describe('oversized and slow requests', () => {
  for (const path of ['/slack/events', '/api/messages']) {
    it(`refuses a 5 MB body on ${path} with 413 before reading or verifying it`, async () => {
      const started = performance.now();
      const response = await fetch(`${bot.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x'.repeat(5 * 1024 * 1024) }),
      });
      expect(response.status).toBe(413);
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it(`refuses a chunked body on ${path} as soon as it passes 1 MB`, async () => {
      const chunk = new TextEncoder().encode('x'.repeat(256 * 1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += chunk.length;
          if (sent > 8 * 1024 * 1024) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const response = await fetch(`${bot.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
    });
  }

  it('drops a client that sends its headers too slowly, and keeps answering everyone else', async () => {
    const socket = net.connect(Number(new URL(bot.url).port), '127.0.0.1');
    let closed = false;
    const ended = new Promise<string>((resolve) => {
      let answer = '';
      socket.on('data', (data) => (answer += data.toString()));
      socket.on('close', () => {
        closed = true;
        resolve(answer);
      });
    });
    socket.write('POST /slack/events HTTP/1.1\r\nHost: localhost\r\n');
    const drip = setInterval(() => {
      if (!closed) socket.write('X-Slow: a\r\n');
    }, 200);
    try {
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      const answer = await Promise.race([
        ended,
        new Promise<string>((_, reject) =>
          setTimeout(() => reject(new Error('still connected after 6 s')), 6_000),
        ),
      ]);
      expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});

describe('signed but malformed payloads', () => {
  const malformed: Record<string, string> = {
    'payload=null': 'payload=null',
    'payload not JSON': 'payload=%7Bnot-json',
    'event_callback with event null': JSON.stringify({ type: 'event_callback', team_id: 'T1', event: null }),
    'block_actions with user null': payload({
      type: 'block_actions',
      user: null,
      actions: [{ action_id: ACCESS_ACTIONS.approve, value: 'x' }],
    }),
    'block_actions with actions null': payload({ type: 'block_actions', user: { id: 'U1' }, actions: null }),
    'view_submission without a view': payload({ type: 'view_submission', user: { id: 'U1' } }),
    'view_submission without state': payload({
      type: 'view_submission',
      user: { id: 'U1' },
      view: { callback_id: 'access.request_modal' },
    }),
    'block_suggestion without value': payload({
      type: 'block_suggestion',
      user: { id: 'U1' },
      action_id: 'group',
    }),
    'an array': '[]',
    'a slash command without user_id': 'command=%2Fdatabricks&text=help&channel_id=C1',
  };
  for (const [name, body] of Object.entries(malformed)) {
    it(`answers ${name} with 400, at once`, async () => {
      const reply = await signedPost(body);
      expect(reply.status).toBe(400);
    });
  }

  const unhandled: Record<string, unknown> = {
    view_closed: {
      type: 'view_closed',
      user: { id: 'U1' },
      view: { callback_id: 'access.request_modal', id: 'V1' },
    },
    shortcut: { type: 'shortcut', user: { id: 'U1' }, callback_id: 'nothing' },
    'an action of another app version': {
      type: 'block_actions',
      user: { id: 'U1' },
      actions: [{ action_id: 'old.button', value: 'v' }],
    },
  };
  for (const [name, body] of Object.entries(unhandled)) {
    it(`acknowledges ${name} with an empty 200, without waiting for Bolt's 3-second timeout`, async () => {
      const started = performance.now();
      const reply = await signedPost(payload(body));
      expect(reply.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1_500);
    });
  }
});

describe('malformed Teams activities (anonymous development mode)', () => {
  const serviceUrl = 'http://127.0.0.1:9/teams';
  const activities: Record<string, unknown> = {
    null: null,
    'an empty object': {},
    'a message without a conversation': {
      type: 'message',
      serviceUrl,
      from: { id: '29:x' },
      conversation: null,
    },
    'a message without a sender': { type: 'message', serviceUrl, conversation: { id: 'c1' } },
    'a card action without a verb': {
      type: 'invoke',
      name: 'adaptiveCard/action',
      serviceUrl,
      from: { id: '29:x' },
      conversation: { id: 'c1' },
      value: { action: null },
    },
  };
  for (const [name, activity] of Object.entries(activities)) {
    it(`answers ${name} with 400`, async () => {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(response.status).toBe(400);
    });
  }

  it('answers a body that is not JSON with 400', async () => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(response.status).toBe(400);
  });
});

describe('what people type', () => {
  const command = (userId: string, text: string) =>
    replyTo(bot, () => bot.command(userId, text)).catch(() => undefined);
  const answerOf = async (userId: string, text: string) => {
    const reply = await postSlack(
      `${bot.url}/slack/events`,
      slashCommandBody({ text, userId, responseUrl: bot.slack.responseUrl(`t-${Math.random()}`) }),
      { signingSecret: SIGNING_SECRET },
    );
    await bot.idle();
    return JSON.stringify(reply.json);
  };

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'answers `/databricks %s …` with help',
    async (name) => {
      const answer = await answerOf(PEOPLE.requester.id, `${name} x y`);
      expect(answer).toContain('is not a command I know');
      expect(answer).toContain('/databricks request-access');
    },
  );

  it('suggests the command a typo meant, in one line instead of the whole help', async () => {
    const answer = await answerOf(PEOPLE.requester.id, 'reovke analysts');
    expect(answer).toContain('\\"reovke\\" is not a command. Did you mean /databricks revoke?');
    expect(answer).not.toContain('request-access');
  });

  it('suggests the group or topic a typo meant', async () => {
    expect(JSON.stringify(await command(PEOPLE.requester.id, 'request-access analyts 1h fix it'))).toContain(
      'There is no requestable group called \\"analyts\\". Did you mean analysts?',
    );
    expect(JSON.stringify(await command(PEOPLE.admin.id, 'subscribe acess'))).toContain(
      '\\"acess\\" is not a topic. Did you mean access?',
    );
  });

  it('names an invisible control character instead of apologising', async () => {
    const answer = await answerOf(PEOPLE.requester.id, 'request-access analysts 2h fix\u0000 it');
    expect(answer).toContain('U+0000');
    expect(answer).not.toContain('something went wrong');
    expect(await requestCount(bot)).toBe(0);
  });

  it('keeps a channel subscription confirmation from pinging the channel', async () => {
    const reply = await command(PEOPLE.admin.id, 'subscribe access group:<!channel>');
    const said = JSON.stringify(reply?.body);
    expect(reply?.body.response_type).toBe('in_channel');
    expect(said).not.toContain('<!channel>');
    expect(said).toContain('&lt;!channel&gt;');
  });

  it('keeps errors from pinging anyone either', async () => {
    const reply = await command(PEOPLE.requester.id, 'request-access <!here> 2h <at>Everyone</at>');
    const said = JSON.stringify(reply?.body);
    expect(said).toContain('no requestable group');
    expect(said).not.toContain('<!here>');
  });

  it('answers ids that look like ours but are not with "not found", never reaching Postgres', async () => {
    for (const value of [
      '------------------------------------',
      'a'.repeat(36),
      '00000000-0000-0000-0000-000000000000',
    ]) {
      const reply = await replyTo(bot, () => bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, value));
      expect(String(reply.body.text)).toContain('I cannot find that access request');
    }
    expect(bot.logs.text()).not.toContain('22P02');
  });

  it.each(['1e-9', '-5', '1e308', '0', 'NaN'])(
    'points at the duration field of the form for a duration of %s',
    async (duration) => {
      const values = requestFormValues({ group: 'analysts', durationSeconds: 0, reason: 'because' });
      values.duration.duration.selected_option.value = duration;
      const reply = await bot.submitView(PEOPLE.requester.id, 'access.request_modal', values);
      expect(reply.json).toMatchObject({
        response_action: 'errors',
        errors: { duration: expect.stringContaining('duration') },
      });
      expect(await requestCount(bot)).toBe(0);
    },
  );

  it('answers a signed form with a reason full of NULs on the reason field', async () => {
    const values = requestFormValues({ group: 'analysts', durationSeconds: 3600, reason: 'a\u0000b' });
    const reply = await bot.submitView(PEOPLE.requester.id, 'access.request_modal', values);
    expect(reply.json).toMatchObject({
      response_action: 'errors',
      errors: { reason: expect.stringContaining('U+0000') },
    });
  });

  it('ignores a prototype key as a form block id', async () => {
    const reply = await signedPost(
      payload({
        type: 'view_submission',
        user: { id: PEOPLE.requester.id },
        view: {
          callback_id: 'access.request_modal',
          state: { values: { __proto__: { x: {} }, constructor: { y: {} } } },
        },
      }),
    );
    expect(reply.status).toBeLessThan(500);
  });
});

describe('a person named in a command (should_escape: true)', () => {
  const people: [string, string][] = [
    ['an escaped mention', `<@${PEOPLE.requester.id}|alice>`],
    ['an escaped e-mail', `<mailto:${PEOPLE.requester.email}|${PEOPLE.requester.email}>`],
    ['a display name', '@alice'],
  ];
  it.each(people)('lets an approver revoke a grant of the person named by %s', async (_how, who) => {
    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 2h load the tables');
    const reply = await replyTo(bot, () => bot.command(PEOPLE.approver1.id, `revoke analysts ${who}`));
    expect(String(reply.body.text)).toContain('Revoking the grant for analysts now.');
    const row = await bot.db
      .selectFrom('access_requests')
      .select('revoke_requested_by')
      .where('id', '=', grant.id)
      .executeTakeFirstOrThrow();
    expect(row.revoke_requested_by).toBe(`slack:${PEOPLE.approver1.id}`);
  });

  it('says what to type when nobody has that name', async () => {
    const reply = await replyTo(bot, () =>
      bot.command(PEOPLE.approver1.id, 'revoke analysts @nobody-at-all'),
    );
    expect(String(reply.body.text)).toContain('Nobody in this Slack workspace is called "nobody-at-all"');
  });
});
