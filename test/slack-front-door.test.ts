import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSlack, slashCommandBody } from './support/slack-requests.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.stop();
});

describe('the running server (real Postgres and Redis)', () => {
  it('is ready', async () => {
    const response = await fetch(`${bot.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready' });
  });

  it('exposes Prometheus metrics for HTTP requests and jobs', async () => {
    await fetch(`${bot.url}/healthz`);
    const text = await (await fetch(`${bot.url}/metrics`)).text();
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('route="/healthz"');
    expect(text).toContain('# TYPE jobs_completed_total counter');
  });

  it('answers a correctly signed `/databricks help` with the command list, ephemerally', async () => {
    const reply = await bot.command('U0REQUESTER', 'help');
    expect(reply.status).toBe(200);
    const body = reply.json as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    const text = JSON.stringify(body.blocks);
    for (const command of ['request-access', 'access', 'revoke', 'policies', 'help']) {
      expect(text).toContain(`/databricks ${command}`);
    }
  });

  it('answers an unknown subcommand with help, not an error', async () => {
    const reply = await bot.command('U0REQUESTER', 'frobnicate now');
    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.json)).toContain('is not a command I know');
    expect(JSON.stringify(reply.json)).toContain('/databricks request-access');
  });

  it('rejects a wrong signature with 401 before any handler runs', async () => {
    const before = bot.slack.calls.length;
    const reply = await postSlack(
      `${bot.url}/slack/events`,
      slashCommandBody({ text: 'help', userId: 'U0REQUESTER' }),
      {
        signingSecret: SIGNING_SECRET,
        badSignature: true,
      },
    );
    expect(reply.status).toBe(401);
    expect(reply.text).not.toContain('request-access');
    expect(bot.slack.calls.length).toBe(before);
  });

  it('rejects a timestamp older than 5 minutes with 401', async () => {
    const reply = await postSlack(
      `${bot.url}/slack/events`,
      slashCommandBody({ text: 'help', userId: 'U0REQUESTER' }),
      {
        signingSecret: SIGNING_SECRET,
        timestampSeconds: Math.floor(Date.now() / 1000) - 6 * 60,
      },
    );
    expect(reply.status).toBe(401);
    expect(reply.text).not.toContain('request-access');
  });
});
