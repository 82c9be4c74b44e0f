import { createHmac } from 'node:crypto';
import { verifySlackRequest, webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signSlackBody, slashCommandBody } from '../support/slack-requests.js';
import { startFakeSlackApi } from './fake-slack-api.js';
import type { FakeSlackApi } from './fake-slack-api.js';

const { ErrorCode, WebClient } = webApi;

const ALICE = {
  id: 'U0ALICE01',
  email: 'Alice@Example.com',
  realName: 'Alice Analyst',
  tz: 'Asia/Kolkata',
};

/** The WebClient logs Slack's `[ERROR]` response messages; keep test output quiet. */
const quiet: webApi.Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => webApi.LogLevel.ERROR,
  setName: () => {},
};

let fake: FakeSlackApi;

beforeAll(async () => {
  fake = await startFakeSlackApi({ users: [ALICE] });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function slackClient(options: webApi.WebClientOptions = {}, token = fake.botToken): webApi.WebClient {
  return new WebClient(token, { slackApiUrl: fake.apiUrl, logger: quiet, ...options });
}

const noRetries = { retryConfig: { retries: 0 } };

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (overrides: Record<string, unknown> = {}) => ({
  type: 'actions',
  elements: [
    {
      type: 'button',
      action_id: 'approve',
      value: 'req-1',
      text: { type: 'plain_text', text: 'Approve' },
      ...overrides,
    },
  ],
});

describe('fake Slack Web API driven by the real WebClient', () => {
  it('posts a message, decodes its blocks, and updates it in place', async () => {
    const slack = slackClient();
    const blocks = [section('*Alice* asks for `CAN_MANAGE` on `prod-etl`'), button()];

    const first = await slack.chat.postMessage({
      channel: 'C0OPS0001',
      text: 'Access request',
      blocks,
    });
    const second = await slack.chat.postMessage({ channel: 'C0OPS0001', text: 'Another' });

    expect(first).toMatchObject({
      ok: true,
      channel: 'C0OPS0001',
      message: { text: 'Access request' },
    });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.params.blocks).toEqual(blocks);
    expect(call?.token).toBe(fake.botToken);

    await slack.chat.update({
      channel: 'C0OPS0001',
      ts: first.ts!,
      text: 'Approved by Bob',
      blocks: [section('Approved')],
    });

    expect(fake.message('C0OPS0001', first.ts!)).toMatchObject({
      text: 'Approved by Bob',
      blocks: [section('Approved')],
    });
  });

  it('rejects chat.update of a message it never posted', async () => {
    const update = slackClient(noRetries).chat.update({
      channel: 'C0OPS0001',
      ts: '1700000000.999900',
      text: 'x',
    });

    await expect(update).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'message_not_found' },
    });
  });

  it('opens the same DM channel for a user id, whether posting or conversations.open', async () => {
    const slack = slackClient();

    const posted = await slack.chat.postMessage({
      channel: ALICE.id,
      text: 'Your access expires soon',
    });
    const opened = await slack.conversations.open({ users: ALICE.id });

    expect(posted.channel).toMatch(/^D/);
    expect(opened.channel?.id).toBe(posted.channel);
    expect(fake.dmChannelFor(ALICE.id)).toBe(posted.channel);
  });

  it('answers users.info and users.lookupByEmail, and user_not_found for strangers', async () => {
    const slack = slackClient(noRetries);

    const info = await slack.users.info({ user: ALICE.id });
    const byEmail = await slack.users.lookupByEmail({ email: 'alice@example.com' });

    expect(info.user).toMatchObject({
      id: ALICE.id,
      real_name: 'Alice Analyst',
      tz: 'Asia/Kolkata',
      tz_offset: 19_800,
      profile: { email: ALICE.email },
    });
    expect(byEmail.user?.id).toBe(ALICE.id);
    await expect(slack.users.info({ user: 'U0NOBODY1' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('answers usergroups.users.list with the members of a defined user group, no_such_subteam otherwise', async () => {
    const slack = slackClient(noRetries);
    fake.setUserGroup('S0ONCALL01', [ALICE.id]);

    const listed = await slack.usergroups.users.list({ usergroup: 'S0ONCALL01' });

    expect(listed.users).toEqual([ALICE.id]);
    await expect(slack.usergroups.users.list({ usergroup: 'S0NOSUCH01' })).rejects.toMatchObject({
      data: { error: 'no_such_subteam' },
    });
  });

  it('refuses a missing or wrong token and identifies the bot to the right one', async () => {
    const anonymous = await fetch(`${fake.apiUrl}auth.test`, { method: 'POST' });
    expect(await anonymous.json()).toEqual({ ok: false, error: 'not_authed' });
    await expect(slackClient(noRetries, 'xoxb-stolen').auth.test()).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });
    await expect(slackClient().auth.test()).resolves.toMatchObject({
      user_id: fake.identity.botUserId,
      bot_id: fake.identity.botId,
      team_id: fake.identity.teamId,
    });
  });

  it('rejects blocks over a documented limit as invalid_blocks, naming the JSON pointer', async () => {
    const blocks = [section('ok'), section('x'.repeat(3001))];

    const post = slackClient(noRetries).chat.postMessage({ channel: 'C0OPS0001', text: 'fallback', blocks });

    await expect(post).rejects.toMatchObject({
      data: {
        error: 'invalid_blocks',
        errors: ['must be less than 3001 characters [json-pointer:/blocks/1/text/text]'],
      },
    });
    expect(fake.message('C0OPS0001', '1700000000.000100')).toBeUndefined();
  });

  it('rejects top-level text over 40,000 characters as msg_too_long', async () => {
    const post = slackClient(noRetries).chat.postMessage({
      channel: 'C0OPS0001',
      text: 't'.repeat(40_001),
    });

    await expect(post).rejects.toMatchObject({ data: { error: 'msg_too_long' } });
  });

  it('checks modals: trigger_id required and single-use, title and private_metadata limits', async () => {
    const slack = slackClient(noRetries);
    const modal = (overrides: Record<string, unknown> = {}) => ({
      type: 'modal' as const,
      callback_id: 'request_access',
      title: { type: 'plain_text' as const, text: 'Request access' },
      blocks: [section('Which workspace?')],
      ...overrides,
    });

    const opened = await slack.views.open({ trigger_id: '1.2.abc', view: modal() });
    await expect(slack.views.open({ trigger_id: '1.2.abc', view: modal() })).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
    await expect(slack.apiCall('views.open', { view: modal() })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
    await expect(
      slack.views.open({
        trigger_id: '1.3.abc',
        view: modal({ title: { type: 'plain_text', text: 't'.repeat(25) } }),
      }),
    ).rejects.toMatchObject({
      data: {
        error: 'invalid_arguments',
        response_metadata: { messages: [expect.stringContaining('/view/title/text')] },
      },
    });
    await expect(
      slack.views.open({
        trigger_id: '1.4.abc',
        view: modal({ private_metadata: 'm'.repeat(3001) }),
      }),
    ).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });

    const updated = await slack.views.update({
      view_id: opened.view!.id!,
      view: modal({ private_metadata: 'step-2' }),
    });
    expect(updated.view).toMatchObject({
      id: opened.view!.id,
      private_metadata: 'step-2',
      callback_id: 'request_access',
    });
    expect(fake.callsTo('views.update')[0]?.params.view).toMatchObject({
      private_metadata: 'step-2',
    });
  });

  it('uploads a file with filesUploadV2 through the upload URL', async () => {
    await slackClient().filesUploadV2({
      channel_id: 'C0OPS0001',
      filename: 'costs.csv',
      content: 'workspace,usd\nprod,12.5\n',
      title: 'Costs',
    });

    expect(fake.files).toEqual([expect.objectContaining({ filename: 'costs.csv', completed: true })]);
    expect(fake.files[0]?.data?.toString('utf8')).toBe('workspace,usd\nprod,12.5\n');
    expect(fake.callsTo('files.completeUploadExternal')[0]?.params).toMatchObject({
      channel_id: 'C0OPS0001',
      files: [{ id: fake.files[0]?.id, title: 'Costs' }],
    });
  });
});

describe('injected failures', () => {
  it('answers 429 with Retry-After, which the WebClient surfaces as a rate-limit error', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const slack = slackClient({ rejectRateLimitedCalls: true, ...noRetries });

    await expect(slack.chat.postMessage({ channel: 'C0OPS0001', text: 'hi' })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    await expect(slack.chat.postMessage({ channel: 'C0OPS0001', text: 'hi again' })).resolves.toMatchObject({
      ok: true,
    });
    expect(fake.callsTo('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
  });

  it('fails the next call with a Slack error', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });

    await expect(
      slackClient(noRetries).chat.postMessage({ channel: 'C0GONE001', text: 'hi' }),
    ).rejects.toMatchObject({
      data: { ok: false, error: 'channel_not_found' },
    });
  });

  it('answers unknown_method for methods it does not implement', async () => {
    await expect(slackClient(noRetries).apiCall('admin.teams.create')).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
  });
});

describe('waiting for calls and responses', () => {
  it('resolves waitForCall with a call that arrives later', async () => {
    const later = fake.waitForCall('chat.postMessage', (call) => call.params.text === 'second');
    const slack = slackClient();

    await slack.chat.postMessage({ channel: 'C0OPS0001', text: 'first' });
    await slack.chat.postMessage({ channel: 'C0OPS0001', text: 'second' });

    await expect(later).resolves.toMatchObject({
      params: { channel: 'C0OPS0001', text: 'second' },
    });
  });

  it('times out with a message that lists what was received', async () => {
    await slackClient().chat.postMessage({ channel: 'C0OPS0001', text: 'only this' });

    await expect(fake.waitForCall('views.open', undefined, 50)).rejects.toThrow(
      /no views\.open call within 50 ms\. Received 1: chat\.postMessage .*only this.* -> ok/,
    );
  });

  it('records POSTs to a response_url and rejects invalid blocks there too', async () => {
    const post = (body: unknown) =>
      fetch(fake.responseUrl('cmd-1'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    const okReply = await post({ replace_original: true, text: 'Approved' });
    const badReply = await post({ text: 'x', blocks: [section('x'.repeat(3001))] });

    expect([okReply.status, badReply.status]).toEqual([200, 400]);
    await expect(fake.waitForResponse((r) => r.body.text === 'Approved')).resolves.toMatchObject({
      id: 'cmd-1',
    });
  });
});

describe('signSlackBody', () => {
  it('matches an independent HMAC and passes Bolt’s verifier', () => {
    const body = slashCommandBody({ text: 'grant prod-etl', userId: ALICE.id });
    const headers = signSlackBody('s3cret', body, 1_700_000_123);

    const expected = createHmac('sha256', 's3cret').update(`v0:1700000123:${body}`).digest('hex');
    expect(headers).toEqual({
      'X-Slack-Request-Timestamp': '1700000123',
      'X-Slack-Signature': `v0=${expected}`,
    });
    const verify = (secret: string) =>
      verifySlackRequest({
        signingSecret: secret,
        body,
        headers: {
          'x-slack-signature': headers['X-Slack-Signature'],
          'x-slack-request-timestamp': 1_700_000_123,
        },
        nowMilliseconds: 1_700_000_123_000,
      });
    expect(() => verify('s3cret')).not.toThrow();
    expect(() => verify('other')).toThrow(/signature mismatch/);
  });
});
