/**
 * Issue 19: many replicas on one Postgres and one Redis. Three workers and two web processes;
 * `SCALE_APPROVALS` (default 1,000) requests filed and approved within about a minute across
 * both web processes, then all expiring together; a worker is killed mid-run and replaced. The
 * fake Databricks account enforces 2 PATCH/s for the whole account, as Databricks does. `SCALE_GRANT`
 * (default 2m) is how long each grant lasts; CI runs 200 approvals of 1m grants.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS } from '../../src/access/access-messages.js';
import {
  startFakeDatabricksAccounts,
  type FakeDatabricksAccounts,
} from '../fakes/fake-databricks-accounts.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import { blockActionsBody, postSlack, slashCommandBody } from '../support/slack-requests.js';
import { BotDatabase } from '../faults/support/bot-database.js';
import { startBotRole, type BotRole, type RoleExit } from '../faults/support/bot-role.js';
import { Cleanup } from '../faults/support/cleanup.js';
import { APPROVER } from '../faults/support/fault-cast.js';
import { startOwnPostgres } from '../faults/support/own-postgres.js';
import { startOwnRedis } from '../faults/support/own-redis.js';
import { seedScaleCast, type ScaleCast } from './scale-cast.js';
import { SIGNING_SECRET } from '../faults/support/slack-front-door.js';
import { waitUntil } from '../faults/support/wait.js';

const APPROVALS = Number(process.env.SCALE_APPROVALS ?? 1_000);
// Long enough for every approval to land before the first grant ends, so they expire together.
const GRANT = process.env.SCALE_GRANT ?? '2m';
const ACCOUNT = {
  accountId: '5ca1e000-0000-4000-8000-00000000d0d0',
  clientId: 'scale-sp',
  clientSecret: 'scale-sp-secret',
};

const cleanup = new Cleanup();
let slack: FakeSlackApi;
let databricks: FakeDatabricksAccounts;
let cast: ScaleCast;
let db: BotDatabase;
const webs: BotRole[] = [];
const workers: BotRole[] = [];
const exits: RoleExit[] = [];
let killed = 0;
let start: (role: 'web' | 'worker') => Promise<BotRole>;

/** Runs `task` over `items`, `limit` at a time. */
async function inBatches<T>(items: T[], limit: number, task: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i]!, i);
      }
    }),
  );
}

/** Signed Slack request to web process `i % 2`, retried while that web is busy or restarting. */
async function post(i: number, body: ReturnType<typeof slashCommandBody>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const reply = await postSlack(`${webs[i % webs.length]!.url}/slack/events`, body, {
        signingSecret: SIGNING_SECRET,
      });
      if (reply.status === 200) return;
    } catch {
      // a connection refused or reset: try again
    }
    if (attempt > 20) throw new Error('Slack request not acknowledged after 20 tries');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function countIn(state: string): Promise<number> {
  const [row] = await db.query<{ n: string }>('select count(*) as n from access_requests where state = $1', [
    state,
  ]);
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  const postgres = await startOwnPostgres(cleanup);
  const redis = await startOwnRedis(cleanup);
  slack = await startFakeSlackApi({ users: [] });
  cleanup.add({ what: 'fake Slack', run: () => slack.close(), runNow: () => undefined });
  databricks = await startFakeDatabricksAccounts({ ...ACCOUNT, patchesPerSecond: 2 });
  cleanup.add({ what: 'fake Databricks', run: () => databricks.close(), runNow: () => undefined });
  cast = seedScaleCast(APPROVALS, slack, databricks, cleanup);
  const databaseUrl = postgres.url('dbchatops_scale');
  db = new BotDatabase(databaseUrl);
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'scale',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
    DATABRICKS_ACCOUNT_ID: ACCOUNT.accountId,
    DATABRICKS_ACCOUNTS_HOST: databricks.url,
    DATABRICKS_CLIENT_ID: ACCOUNT.clientId,
    DATABRICKS_CLIENT_SECRET: ACCOUNT.clientSecret,
    POLICY_FILE: cast.policyFile,
    SCIM_WRITES_PER_SECOND: '2',
  };
  const logDir = mkdtempSync(path.join(tmpdir(), 'dbchatops-scale-logs-'));
  let serial = 0;
  start = async (role: 'web' | 'worker') => {
    const bot = await startBotRole(role, env, logDir, ++serial);
    void bot.exited.then((exit) => exits.push(exit));
    (role === 'web' ? webs : workers).push(bot);
    return bot;
  };
  cleanup.add({
    what: 'bot processes',
    run: async () => {
      for (const bot of [...webs, ...workers]) bot.signal('SIGTERM');
      await Promise.all([...webs, ...workers].map((bot) => bot.exited));
      if (process.env.FAULTS_KEEP_LOGS) console.log(`scale-out: bot logs kept in ${logDir}`);
      else rmSync(logDir, { recursive: true, force: true });
    },
    runNow: () => {
      for (const bot of [...webs, ...workers]) bot.signal('SIGKILL');
    },
  });
  await start('worker'); // migrates the database first
  await Promise.all([start('worker'), start('worker'), start('web'), start('web')]);
}, 180_000);

afterAll(async () => {
  await cleanup.runAll();
}, 120_000);

/** How many DMs to requesters contain `text`. */
function requesterDms(text: string): number {
  const requesters = new Set(cast.requesters.map((person) => person.id));
  return slack
    .callsTo('chat.postMessage')
    .filter((call) => requesters.has(String(call.params.channel)) && String(call.params.text).includes(text))
    .length;
}

describe(`${APPROVALS} approvals across 2 web and 3 worker processes`, () => {
  it('files and approves them within about a minute, with a worker killed and replaced mid-run', async () => {
    await inBatches(cast.requesters, 16, (person, i) =>
      post(
        i,
        slashCommandBody({
          userId: person.id,
          text: `request-access ${cast.groupOf(i)} ${GRANT} scale test`,
        }),
      ),
    );
    await waitUntil(
      'every request filed',
      async () => (await countIn('pending')) === APPROVALS,
      120_000,
      500,
    );
    const pending = await db.query<{ id: string }>(
      "select id from access_requests where state = 'pending' order by created_at",
    );

    let replacing: Promise<BotRole> | undefined;
    const approving = Date.now();
    await inBatches(pending, 16, async (request, i) => {
      if (i === Math.floor(APPROVALS / 3) && killed === 0) {
        killed += 1;
        workers[1]!.signal('SIGKILL');
        replacing = start('worker');
      }
      await post(
        i,
        blockActionsBody({
          userId: APPROVER.id,
          actions: [{ action_id: ACCESS_ACTIONS.approve, value: request.id }],
        }),
      );
    });
    const approvingMs = Date.now() - approving;
    expect(approvingMs).toBeLessThan(90_000);
    expect(await replacing).toBeDefined();
    await waitUntil(
      'every grant applied',
      async () => (await countIn('pending')) + (await countIn('approved')) === 0,
      300_000,
      1_000,
    );
    await waitUntil(
      'every grant ended',
      async () => (await countIn('expired')) === APPROVALS,
      300_000,
      1_000,
    );
    // Ends are announced by a job of their own, after the removals: wait for every DM to go out.
    await waitUntil(
      'every end announced',
      async () => requesterDms('has expired') >= APPROVALS,
      180_000,
      1_000,
    );
  }, 900_000);

  it('never sent Databricks more than 2 PATCH/s across all processes (no 429)', () => {
    const patches = databricks.requests.filter((request) => request.method === 'PATCH');
    expect(patches.filter((request) => request.status === 429)).toEqual([]);
    const times = patches.map((request) => request.at).sort((a, b) => a - b);
    const tooClose = times.filter((at, i) => i >= 2 && at - times[i - 2]! < 1_000);
    expect(tooClose).toEqual([]);
  });

  it('added and removed every membership exactly once, and left nobody behind', () => {
    const adds = new Map<string, number>();
    const removes = new Map<string, number>();
    for (const patch of databricks.patches) {
      for (const id of patch.added) adds.set(id, (adds.get(id) ?? 0) + 1);
      for (const id of patch.removed) removes.set(id, (removes.get(id) ?? 0) + 1);
      expect(patch.alreadyMembers).toEqual([]);
    }
    expect(adds.size).toBe(APPROVALS);
    expect([...adds.values()].filter((n) => n !== 1)).toEqual([]);
    expect(removes.size).toBe(APPROVALS);
    expect([...removes.values()].filter((n) => n !== 1)).toEqual([]);
    for (const groupId of cast.groupIds) expect(databricks.groupMemberIds(groupId)).toEqual([]);
    // Coalesced: far fewer PATCHes than memberships changed.
    expect(databricks.patches.length).toBeLessThan(APPROVALS / 2);
  });

  it('posted no message twice', () => {
    // Each requester has one request: any text a requester gets twice was posted twice.
    const requesters = new Set(cast.requesters.map((person) => person.id));
    const dms = slack
      .callsTo('chat.postMessage')
      .filter((call) => requesters.has(String(call.params.channel)))
      .map((call) => `${String(call.params.channel)}|${String(call.params.text)}`);
    const seen = new Map<string, number>();
    for (const dm of dms) seen.set(dm, (seen.get(dm) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    const active = dms.filter((dm) => dm.includes('is active until')).length;
    const expired = dms.filter((dm) => dm.includes('has expired')).length;
    expect(active).toBe(APPROVALS);
    expect(expired).toBe(APPROVALS);
  });

  it('no process crashed: the only exit was the worker the test killed', () => {
    expect(exits.filter((exit) => !exit.caused)).toEqual([]);
    expect(killed).toBe(1);
  });
});
