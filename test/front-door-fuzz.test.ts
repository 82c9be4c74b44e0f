/**
 * Property-based fuzzing of the Slack front door: thousands of signed slash commands and
 * interactivity payloads with hostile content, through the real HTTP server, Bolt, Postgres and
 * Redis. Whatever arrives, nobody gets a 5xx, every command gets an answer that says what to do,
 * Databricks is never written to, and nothing the bot sends can ping a channel.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import { COST_ALERT_ACTIONS } from '../src/cost/alerts/cost-alert-messages.js';
import { FINDING_ACTIONS } from '../src/findings/finding-messages.js';
import { PEOPLE, SLACK_USERS, fileRequest, seedDatabricks } from './support/access-fixture.js';
import {
  PROTOTYPE_KEYS,
  ID_LOOKALIKES,
  commandText,
  hostileWord,
  sometimesMissing,
  DURATIONS,
} from './support/hostile-input.js';
import { postSlack, slashCommandBody, type SlackHttpReply } from './support/slack-requests.js';
import { DEFAULT_CHANNEL, payloadBody, slackUser } from './support/slack-interaction-parts.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/test-bot.js';

const SLASH_COMMANDS = 2_000;
const INTERACTIONS = 600;
const BATCH = 25;
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

const FUZZ_POLICY = `
groups:
  analysts:
    databricks_group: data-analysts
    approvers:
      slack_users: [U0APPROVE1]
    max_duration: 8h
    default_duration: 2h
    require_reason: true
`;

const USERS = [PEOPLE.requester.id, PEOPLE.outsider.id, PEOPLE.admin.id, PEOPLE.noAccount.id, 'U0STRANGER'];
const BROADCAST = /<!(channel|here|everyone|subteam)|<\/?at\b/i;

let bot: TestBot;
let pendingId: string;
const acks: unknown[] = [];

beforeAll(async () => {
  bot = await startTestBot({
    policy: FUZZ_POLICY,
    slackUsers: SLACK_USERS,
    env: { ADMIN_SLACK_USER_IDS: PEOPLE.admin.id, LOG_LEVEL: 'warn' },
  });
  seedDatabricks(bot.databricks);
  pendingId = await fileRequest(bot, PEOPLE.requester.id, 'analysts 2h a request others will poke at');
}, 60_000);
afterAll(async () => {
  await bot?.stop();
});

const scimWrites = () =>
  bot.databricks.requests.filter((r) => r.method !== 'GET' && r.path.includes('/scim/')).length;

async function inBatches<T>(items: T[], send: (item: T, index: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += BATCH) {
    await Promise.all(items.slice(i, i + BATCH).map((item, j) => send(item, i + j)));
  }
}

const post = (body: string) => postSlack(`${bot.url}/slack/events`, body, { signingSecret: SIGNING_SECRET });

interface SlashCase {
  text: string;
  userId: string;
  /** A field Slack always sends, left out (the command must then be refused, not crash). */
  drop: 'none' | 'user_id' | 'channel_id' | 'text' | 'command';
}

const slashCase: fc.Arbitrary<SlashCase> = fc.record({
  text: commandText,
  userId: fc.constantFrom(...USERS),
  drop: fc.constantFrom<SlashCase['drop']>(
    'none',
    'none',
    'none',
    'none',
    'none',
    'none',
    'none',
    'none',
    'none',
    'user_id',
    'channel_id',
    'text',
    'command',
  ),
});

describe('the Slack front door under hostile input (fast-check)', () => {
  it(`answers ${SLASH_COMMANDS} hostile slash commands, each with a helpful message, without a 5xx`, async () => {
    const cases = fc.sample(slashCase, { numRuns: SLASH_COMMANDS, seed: SEED });
    const statuses = new Map<number, number>();
    const unanswered: string[] = [];
    await inBatches(cases, async (input, i) => {
      const id = `fz-${i}`;
      const form = new URLSearchParams(
        slashCommandBody({
          text: input.text,
          userId: input.userId,
          responseUrl: bot.slack.responseUrl(id),
          triggerId: `trig-${id}`,
        }),
      );
      if (input.drop !== 'none') form.delete(input.drop);
      const reply = await post(form.toString());
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      acks.push(reply.json);
      if (reply.status >= 500) unanswered.push(`${reply.status} for ${JSON.stringify(input).slice(0, 200)}`);
      if (input.drop === 'none' && !answered(reply, id)) {
        unanswered.push(
          `no answer (HTTP ${reply.status}) to ${JSON.stringify(input.text.slice(0, 120))} from ${input.userId}`,
        );
      }
    });
    expect(unanswered).toEqual([]);
    expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
  }, 150_000);

  it(`acknowledges or refuses ${INTERACTIONS} hostile interactivity payloads without a 5xx`, async () => {
    const cases = fc.sample(interaction(pendingId), { numRuns: INTERACTIONS, seed: SEED + 1 });
    const failures: string[] = [];
    await inBatches(cases, async (payload) => {
      const reply = await post(payloadBody(payload as Record<string, unknown>));
      acks.push(reply.json);
      if (reply.status >= 500) failures.push(`${reply.status} for ${JSON.stringify(payload).slice(0, 300)}`);
    });
    expect(failures).toEqual([]);
  }, 120_000);

  it('said nothing that pings a channel, apologised for no bug of ours, and wrote nothing to Databricks', async () => {
    await bot.idle(30_000);
    const outgoing = [
      ...bot.slack.calls.map((call) => JSON.stringify(call.params)),
      ...bot.slack.responses.map((response) => JSON.stringify(response.body)),
      ...acks.map((ack) => JSON.stringify(ack ?? null)),
    ];
    expect(outgoing.filter((text) => BROADCAST.test(text)).map((text) => text.slice(0, 300))).toEqual([]);
    expect(
      outgoing.filter((text) => text.includes('something went wrong')).map((t) => t.slice(0, 300)),
    ).toEqual([]);
    expect(scimWrites()).toBe(0);
    const pending = await bot.db
      .selectFrom('access_requests')
      .select('state')
      .where('id', '=', pendingId)
      .executeTakeFirstOrThrow();
    expect(pending.state).toBe('pending');
  }, 60_000);

  it('is still healthy and ready', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    const reply = await post(slashCommandBody({ text: 'help', userId: PEOPLE.requester.id }));
    expect(JSON.stringify(reply.json)).toContain('/databricks request-access');
  });
});

/** A command was answered: in the acknowledgement, on its response_url, or with a form. */
function answered(reply: SlackHttpReply, id: string): boolean {
  if (reply.status !== 200) return false;
  const ackText = (reply.json as { text?: unknown } | undefined)?.text;
  if (typeof ackText === 'string' && ackText.trim() !== '') return true;
  if (bot.slack.responses.some((response) => response.id === id && typeof response.body.text === 'string')) {
    return true;
  }
  return bot.slack.callsTo('views.open').some((call) => call.params.trigger_id === `trig-${id}`);
}

const ACTION_IDS = [
  ...Object.values(ACCESS_ACTIONS),
  ...Object.values(COST_ALERT_ACTIONS),
  ...Object.values(FINDING_ACTIONS),
  ...PROTOTYPE_KEYS,
  'unknown.action',
];

/** Hostile block_actions, form submissions, option searches and odd payload types. */
function interaction(realRequestId: string): fc.Arbitrary<unknown> {
  const user = sometimesMissing(
    fc.constantFrom(...USERS).map((id) => slackUser(id, undefined, 'T0TEST0001')),
  );
  const value = fc.oneof(
    fc.constant(realRequestId),
    fc.uuid(),
    fc.constantFrom(...ID_LOOKALIKES, ...PROTOTYPE_KEYS),
    hostileWord,
  );
  const common = (id: number) => ({
    team: { id: 'T0TEST0001', domain: 'test' },
    api_app_id: 'A0TEST0001',
    token: 'test-verification-token',
    trigger_id: `trig-ia-${id}`,
  });
  const blockActions = fc
    .record({
      n: fc.nat(),
      user,
      actionId: fc.constantFrom(...ACTION_IDS),
      value: sometimesMissing(value),
      actionsNull: fc.boolean(),
    })
    .map(({ n, user: u, actionId, value: v, actionsNull }) => ({
      ...common(n),
      type: 'block_actions',
      user: u,
      actions:
        actionsNull && n % 5 === 0
          ? null
          : [{ type: 'button', action_id: actionId, block_id: 'b', value: v, action_ts: '1' }],
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: DEFAULT_CHANNEL.id },
      channel: { id: DEFAULT_CHANNEL.id, name: DEFAULT_CHANNEL.name },
      message: { type: 'message', text: '', ts: '1700000000.000100' },
      response_url: bot.slack.responseUrl(`ia-${n}`),
    }));
  const stateValue = (v: unknown) => ({
    type: 'static_select',
    selected_option: v === undefined ? null : { value: v },
  });
  const requestForm = fc
    .record({
      n: fc.nat(),
      user,
      group: sometimesMissing(fc.oneof(fc.constant('analysts'), hostileWord)),
      duration: sometimesMissing(
        fc.oneof(fc.constantFrom(...DURATIONS, '7200', '-7200', '1e3'), hostileWord),
      ),
      reason: sometimesMissing(hostileWord),
    })
    .map(({ n, user: u, group, duration, reason }) => ({
      ...common(n),
      type: 'view_submission',
      user: u,
      view: {
        id: 'V0FUZZ',
        callback_id: 'access.request_modal',
        private_metadata: '',
        state: {
          values: {
            group: { group: stateValue(group) },
            duration: { duration: stateValue(duration) },
            reason: { reason: { type: 'plain_text_input', value: reason } },
            ticket: { ticket: { type: 'url_text_input', value: n % 3 === 0 ? 'javascript:alert(1)' : null } },
          },
        },
      },
    }));
  const denyForm = fc
    .record({ n: fc.nat(), user, metadata: sometimesMissing(value), reason: sometimesMissing(hostileWord) })
    .map(({ n, user: u, metadata, reason }) => ({
      ...common(n),
      type: 'view_submission',
      user: u,
      view: {
        id: 'V0FUZZ',
        callback_id: 'access.deny_modal',
        private_metadata: metadata,
        state: { values: { reason: { reason: { type: 'plain_text_input', value: reason } } } },
      },
    }));
  const suggestion = fc
    .record({ n: fc.nat(), user, typed: sometimesMissing(hostileWord) })
    .map(({ n, user: u, typed }) => ({
      ...common(n),
      type: 'block_suggestion',
      user: u,
      action_id: 'group',
      block_id: 'group',
      value: typed,
    }));
  const odd = fc
    .record({
      n: fc.nat(),
      user,
      type: fc.constantFrom(
        'view_closed',
        'shortcut',
        'message_action',
        'interactive_message',
        'dialog_submission',
        '__proto__',
        'constructor',
      ),
    })
    .map(({ n, user: u, type }) => ({
      ...common(n),
      type,
      user: u,
      callback_id: 'whatever',
      view: n % 2 === 0 ? { callback_id: 'access.request_modal', id: 'V0FUZZ' } : undefined,
    }));
  return fc.oneof(
    { weight: 6, arbitrary: blockActions },
    { weight: 2, arbitrary: requestForm },
    { weight: 1, arbitrary: denyForm },
    { weight: 1, arbitrary: suggestion },
    { weight: 1, arbitrary: odd },
  );
}
