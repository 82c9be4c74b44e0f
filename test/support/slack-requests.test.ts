import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import type { BlockAction, ButtonAction } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi } from '../fakes/fake-slack-api.js';
import type { FakeSlackApi } from '../fakes/fake-slack-api.js';
import {
  blockActionsBody,
  blockSuggestionBody,
  postSlack,
  slashCommandBody,
  viewSubmissionBody,
} from './slack-requests.js';

/**
 * The builders against a real Bolt app (HTTP receiver, signature verification on) whose
 * WebClient talks to the fake Slack API: proves the bodies are what Bolt parses and routes.
 */
const SIGNING_SECRET = 'test-signing-secret';

let fake: FakeSlackApi;
let app: App;
let endpoint: string;

beforeAll(async () => {
  fake = await startFakeSlackApi();
  app = new App({
    signingSecret: SIGNING_SECRET,
    token: fake.botToken,
    clientOptions: { slackApiUrl: fake.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command('/databricks', async ({ command, ack, client, respond }) => {
    await ack();
    await client.chat.postMessage({
      channel: command.user_id,
      text: `You asked for: ${command.text}`,
    });
    await respond({ response_type: 'ephemeral', text: 'Request received' });
  });
  app.action<BlockAction<ButtonAction>>('approve', async ({ ack, body, action, respond }) => {
    await ack();
    await respond({ replace_original: true, text: `Approved ${action.value} by ${body.user.id}` });
  });
  app.view('request_access', async ({ ack, view }) => {
    const reason = view.state.values.reason?.reason_input?.value ?? '';
    await ack({
      response_action: 'errors',
      errors: { reason: `too short: ${reason} (${view.private_metadata})` },
    });
  });
  app.options('workspace', async ({ ack, payload }) => {
    await ack({
      options: [{ text: { type: 'plain_text', text: `prod-${payload.value}` }, value: 'w-1' }],
    });
  });
  const server = (await app.start(0)) as Server;
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  await app.stop();
  await fake.close();
});
beforeEach(() => fake.reset());

const send = (body: string) => postSlack(endpoint, body, { signingSecret: SIGNING_SECRET });

describe('signed requests into a real Bolt app', () => {
  it('delivers a slash command: acked, then a DM and a response_url reply', async () => {
    const body = slashCommandBody({
      text: 'grant prod-etl',
      userId: 'U0ALICE01',
      responseUrl: fake.responseUrl('cmd-1'),
    });

    const reply = await send(body);

    expect(reply).toMatchObject({ status: 200, text: '' });
    const dm = await fake.waitForCall('chat.postMessage');
    expect(dm.params).toMatchObject({
      channel: 'U0ALICE01',
      text: 'You asked for: grant prod-etl',
    });
    expect(dm.response.channel).toBe(fake.dmChannelFor('U0ALICE01'));
    await expect(fake.waitForResponse((r) => r.id === 'cmd-1')).resolves.toMatchObject({
      body: { response_type: 'ephemeral', text: 'Request received' },
    });
  });

  it('delivers a button click with its value and response_url', async () => {
    const body = blockActionsBody({
      userId: 'U0BOB0001',
      actions: [{ action_id: 'approve', value: 'req-42' }],
      responseUrl: fake.responseUrl('msg-1'),
    });

    expect((await send(body)).status).toBe(200);
    await expect(fake.waitForResponse()).resolves.toMatchObject({
      id: 'msg-1',
      body: { replace_original: true, text: 'Approved req-42 by U0BOB0001' },
    });
  });

  it('delivers a view submission with its state and private_metadata', async () => {
    const body = viewSubmissionBody({
      userId: 'U0ALICE01',
      callbackId: 'request_access',
      privateMetadata: 'req-7',
      values: { reason: { reason_input: 'eh' } },
    });

    const reply = await send(body);

    expect(reply).toMatchObject({
      status: 200,
      json: { response_action: 'errors', errors: { reason: 'too short: eh (req-7)' } },
    });
  });

  it('answers an external_select options request', async () => {
    const body = blockSuggestionBody({
      userId: 'U0ALICE01',
      actionId: 'workspace',
      blockId: 'ws',
      value: 'et',
      viewCallbackId: 'request_access',
    });

    const reply = await send(body);

    expect(reply).toMatchObject({
      status: 200,
      json: { options: [{ value: 'w-1', text: { text: 'prod-et' } }] },
    });
  });

  it('is refused with a bad signature or a stale timestamp', async () => {
    const body = slashCommandBody({ text: 'grant prod-etl', userId: 'U0ALICE01' });
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;

    const forged = await postSlack(endpoint, body, {
      signingSecret: SIGNING_SECRET,
      badSignature: true,
    });
    const stale = await postSlack(endpoint, body, {
      signingSecret: SIGNING_SECRET,
      timestampSeconds: tenMinutesAgo,
    });

    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect(fake.calls).toEqual([]);
  });
});
