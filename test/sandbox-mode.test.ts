import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../src/commands/command-catalog.js';
import { COST_ALERT_ACTIONS } from '../src/cost/alerts/cost-alert-messages.js';
import { REVIEW_ACTIONS } from '../src/governance/reviews/review-messages.js';
import { DEMO_ACCOUNT_UUID, DEMO_WORKSPACE_SP } from '../sandbox/demo-workspace.js';
import { OffsetClock } from '../bots/sandbox/sandbox-clock.js';
import { ListenError } from '../src/runtime/http-server.js';
import { EMULATOR_DATABASE_PREFIX } from '../sandbox/sandbox-leftovers.js';
import { SandboxRefused, startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import { captureLogger } from './support/capture-logger.js';
import { literalMarkupIn, shownTextsOf } from './support/card-texts.js';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from './support/test-database.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';

interface ConsolePost {
  channel: string;
  message: { kind: string; title: string };
}

/** What a demo person sees in the console (through its API, as the page does). */
async function postsSeenBy(sandbox: Sandbox, user: string): Promise<ConsolePost[]> {
  const response = await fetch(`${sandbox.url}/api/messages?user=${user}`);
  return ((await response.json()) as { messages: ConsolePost[] }).messages;
}

async function command(sandbox: Sandbox, user: string, text: string, channel?: string) {
  const response = await fetch(`${sandbox.url}/api/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, text, ...(channel ? { channel } : {}) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { form?: { id: string }; errors?: Record<string, string> };
}

/** This process's emulator databases (the sandbox names them after its pid). */
async function ownEmulatorDatabases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [`${EMULATOR_DATABASE_PREFIX}${process.pid}_`],
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

/** This process's sandbox temp folders (their owner.pid names it). */
async function ownTempFolders(): Promise<string[]> {
  const names = (await readdir(tmpdir())).filter((n) => n.startsWith('dbchatops-sandbox-'));
  const owners = await Promise.all(
    names.map((name) => readFile(path.join(tmpdir(), name, 'owner.pid'), 'utf8').catch(() => '')),
  );
  return names.filter((_, i) => Number(owners[i]) === process.pid);
}

describe('sandbox mode', () => {
  let database: TestDatabase | undefined;
  const redis = createTestRedisPrefix('sandbox-mode');

  let second: Sandbox | undefined;

  afterAll(async () => {
    await second?.stop();
    await redis.clear();
    await database?.drop();
  });

  it('refuses to start with NODE_ENV=production', async () => {
    await expect(startSandbox({ log: captureLogger().log, nodeEnv: 'production' })).rejects.toThrow(
      SandboxRefused,
    );
  });

  it('moves its clock only when fast-forwarded', () => {
    const base = { now: () => new Date('2026-01-01T10:00:00Z') };
    const clock = new OffsetClock(base);
    expect(clock.now().toISOString()).toBe('2026-01-01T10:00:00.000Z');
    clock.advance(3_600_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T11:00:00.000Z');
  });

  it('refuses a taken port with a message naming it, before touching any state', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const started = startSandbox({ log: captureLogger().log, nodeEnv: 'test', port });
      await expect(started).rejects.toThrow(ListenError);
      await expect(started).rejects.toThrow(`Cannot listen on port ${port}`);
    } finally {
      blocker.close();
    }
  });

  it('gives the same demo on every start, and a stop (even twice) leaves nothing behind', async () => {
    database = await createTestDatabase('sandbox_mode');
    const options = {
      log: captureLogger('info').log,
      nodeEnv: 'test',
      port: 0,
      databaseUrl: database.url,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: redis.prefix,
    };
    const finopsAlerts = async (sandbox: Sandbox) =>
      (await postsSeenBy(sandbox, 'admin')).filter(
        (p) => p.channel === 'finops' && p.message.kind === 'cost.alert',
      );

    // The demo's alerts arrive through the job runner a little after start-up: wait until they
    // stop arriving (a busy machine delivers them slowly), then compare whole sets.
    const settledAlertTitles = async (sandbox: Sandbox) => {
      const deadline = Date.now() + 90_000;
      let previous = '';
      for (;;) {
        const titles = (await finopsAlerts(sandbox)).map((p) => p.message.title).sort();
        const now = JSON.stringify(titles);
        if (titles.length > 0 && now === previous) return titles;
        if (Date.now() > deadline) throw new Error(`#finops alerts did not settle: ${now}`);
        previous = now;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    };

    const first = await startSandbox(options);
    const alerts = await settledAlertTitles(first);
    await command(first, 'requester', '/databricks request-access analysts 1h fix the nightly job');
    expect(await database.db.selectFrom('access_requests').select('id').execute()).toHaveLength(1);
    await Promise.all([first.stop(), first.stop()]);
    expect(await ownEmulatorDatabases()).toEqual([]);
    expect(await ownTempFolders()).toEqual([]);

    second = await startSandbox(options);
    expect(await database.db.selectFrom('access_requests').select('id').execute()).toEqual([]);
    expect(await settledAlertTitles(second)).toEqual(alerts);
  }, 180_000);

  it('serves the message gallery: every kind for the console, Slack and Teams, Teams text plain', async () => {
    const sandbox = second!;
    const page = await fetch(`${sandbox.url}/gallery`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Message gallery');
    const { kinds } = (await (await fetch(`${sandbox.url}/api/gallery`)).json()) as {
      kinds: { name: string; console: { title: string }; slack: unknown[]; teams: { body: unknown[] } }[];
    };
    expect(kinds.map((k) => k.name)).toEqual(
      expect.arrayContaining(['help', 'access request', 'request denied', 'grant active', 'expiry warning']),
    );
    for (const kind of kinds) {
      expect(kind.console.title.length, kind.name).toBeGreaterThan(0);
      expect(kind.slack.length, kind.name).toBeGreaterThan(0);
      expect(literalMarkupIn(shownTextsOf(kind.teams)), kind.name).toEqual([]);
    }
  });

  it('answers every command of the catalog, none with "not available in the sandbox"', async () => {
    const sandbox = second!;
    const typed: [string, string][] = [
      ['request-access', ''],
      ['access', ''],
      ['policies', ''],
      ['subscribe', 'connectors'],
      ['subscriptions', ''],
      ['unsubscribe', 'connectors'],
      ['connect', ''],
      ['connectors', ''],
      ['connector', 'add-region eu-west-1 ' + sandbox.workspace.emulator.url + ' connector:demo'],
      ['findings', ''],
      ['agents', ''],
      ['cost', '7d by workspace'],
      ['alerts', ''],
      ['revoke', 'analysts'],
      ['action', 'stop-warehouse demo 0000000000000000'],
      ['groups', ''],
      ['group', 'analysts'],
      ['review', 'start all-requestable due:14d'],
      ['help', ''],
    ];
    expect(typed.map(([name]) => name).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    for (const [name, args] of typed) {
      const before = (await postsSeenBy(sandbox, 'admin')).length;
      const result = await command(sandbox, 'admin', `/databricks ${name} ${args}`.trim(), 'finops');
      const replies = (await postsSeenBy(sandbox, 'admin')).slice(before);
      const texts = JSON.stringify(replies);
      expect(texts, name).not.toMatch(/not available in the sandbox/);
      expect(texts, name).not.toMatch(/something went wrong/);
      if (name !== 'help')
        expect(
          replies.map((r) => r.message.kind),
          name,
        ).not.toContain('help');
      if (name === 'connect' || name === 'request-access') expect(result.form, name).toBeDefined();
      else expect(replies.length, name).toBeGreaterThan(0);
    }
    const subscribed = (await postsSeenBy(sandbox, 'admin')).filter((p) =>
      /now gets connectors alerts/.test(p.message.title),
    );
    expect(subscribed.map((p) => p.channel)).toEqual(['finops']);
  }, 60_000);

  it('has standing members to review: the approver removes one from the review card', async () => {
    const sandbox = second!;
    const posts = (await postsSeenBy(sandbox, 'approver')) as (ConsolePost & {
      message: { items?: { text: string; actions: { id: string; value: string }[] }[] };
    })[];
    const card = posts.find(
      (p) => p.message.kind === 'review.card' && p.message.title === 'Access review: data-analysts',
    );
    expect(card?.message.items?.map((item) => item.text.split(' — ')[0])).toEqual([
      'Jo Contractor',
      'Lee Longtime',
      'Sam Standing',
    ]);
    const jo = card!.message.items![0]!.actions.find((action) => action.id === REVIEW_ACTIONS.remove)!;
    const response = await fetch(`${sandbox.url}/api/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'approver', channel: 'dm:approver', actionId: jo.id, value: jo.value }),
    });
    expect(response.status).toBe(200);
    // Jo is taken out of the demo account's group through SCIM; Lee and Sam stay.
    await vi.waitFor(() => expect(sandbox.accounts.groupMemberIds('data-analysts')).toHaveLength(2), {
      timeout: 10_000,
      interval: 50,
    });
  }, 60_000);

  it('connects a workspace through the connect form, keeping field errors in the form', async () => {
    const sandbox = second!;
    const form = async (values: Record<string, string>) => {
      const response = await fetch(`${sandbox.url}/api/form`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'admin', formId: 'connectors.connect-form', context: '', values }),
      });
      return (await response.json()) as { errors?: Record<string, string> };
    };
    const values = {
      name: 'second',
      workspace_url: sandbox.workspace.emulator.url,
      account_id: DEMO_ACCOUNT_UUID,
      client_id: DEMO_WORKSPACE_SP.clientId,
      client_secret: DEMO_WORKSPACE_SP.clientSecret,
    };
    expect((await form({ ...values, name: 'demo' })).errors).toEqual({
      name: expect.stringMatching(/already exists/),
    });
    const before = (await postsSeenBy(sandbox, 'admin')).length;
    expect((await form(values)).errors).toBeUndefined();
    const [reply] = (await postsSeenBy(sandbox, 'admin')).slice(before);
    expect(reply?.message.title).toMatch(/second/);
    expect(JSON.stringify(reply)).not.toContain(DEMO_WORKSPACE_SP.clientSecret);
    expect(await database!.db.selectFrom('connectors').select('name').orderBy('name').execute()).toEqual([
      { name: 'demo' },
      { name: 'second' },
    ]);
  }, 60_000);

  it('acknowledges and snoozes a cost alert from its buttons in #finops', async () => {
    const sandbox = second!;
    const posts = (await postsSeenBy(sandbox, 'admin')) as (ConsolePost & {
      message: { actions?: { id: string; value: string }[] };
    })[];
    const alert = posts.find(
      (p) => p.channel === 'finops' && p.message.kind === 'cost.alert' && p.message.actions?.length,
    );
    expect(alert).toBeDefined();
    const click = async (id: string) => {
      const action = alert!.message.actions!.find((a) => a.id === id)!;
      const before = (await postsSeenBy(sandbox, 'admin')).length;
      await fetch(`${sandbox.url}/api/action`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'admin', channel: 'finops', actionId: action.id, value: action.value }),
      });
      return (await postsSeenBy(sandbox, 'admin')).slice(before).map((p) => p.message.title);
    };
    expect(await click(COST_ALERT_ACTIONS.acknowledge)).toEqual([expect.stringMatching(/^Acknowledged/)]);
    expect(await click(COST_ALERT_ACTIONS.snoozeDay)).toEqual([expect.stringMatching(/^Snoozed until/)]);
  }, 60_000);
});
