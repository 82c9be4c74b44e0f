/**
 * Slack ack latency under concurrent load. The bot runs as in production (its own process,
 * `src/main.ts`, acknowledging Slack before it works) against the fake Slack API and the fake
 * Databricks account; this process fires correctly signed requests at POST /slack/events with a
 * fixed concurrency and times each HTTP round trip, which is what Slack waits for (3 s at most).
 */
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import { startFakeDatabricksAccounts } from '../test/fakes/fake-databricks-accounts.js';
import { startFakeSlackApi, type FakeSlackApi } from '../test/fakes/fake-slack-api.js';
import {
  blockActionsBody,
  postSlack,
  slashCommandBody,
  type SlackHttpReply,
} from '../test/support/slack-requests.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from '../test/support/test-redis.js';
import {
  BENCH_ACCOUNT,
  BENCH_SIGNING_SECRET,
  benchPeople,
  cleanUp,
  writePolicyFile,
} from './bench-fixtures.js';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { compareWithBareBolt } from './ack-comparison.js';
import { startBareBolt, type BareBoltProcess } from './bare-bolt-process.js';
import { pollUntil, runWithConcurrency } from './load.js';
import type { BenchResult } from './report.js';
import { ackReport, type FollowUps, type Phase, type Shot } from './slack-ack-report.js';
import { withVitals } from './vitals.js';

export interface SlackAckOptions {
  /** Requests per kind. */
  requests: number;
  concurrency: number;
  /** Help commands sent first and not counted (JIT warm-up, connections opened). */
  warmup: number;
}

const FOLLOW_UP_TIMEOUT_MS = 90_000;
/** The acceptance load: 200 signed slash commands in flight at once. */
const COMPARISON_CONCURRENCY = 200;
const APPROVER = { id: 'U0APPROVE1', email: 'approver-1@example.com', name: 'approver1' };
const SECOND_APPROVER = { id: 'U0APPROVE2', email: 'approver-2@example.com', name: 'approver2' };
const POLICY = `
groups:
  analysts:
    databricks_group: data-analysts
    description: Analytics schemas
    approvers:
      slack_users: [${APPROVER.id}, ${SECOND_APPROVER.id}]
      slack_channel: C0APPROVALS
    max_duration: 8h
    default_duration: 2h
    require_reason: true
`;

export async function slackAckLatency(options: SlackAckOptions): Promise<BenchResult> {
  const requesters = benchPeople(options.requests, 'BNCH');
  const database = await createTestDatabase('bench_ack');
  const redis = createTestRedisPrefix('bench-ack');
  const slack = await startFakeSlackApi({ users: [APPROVER, SECOND_APPROVER, ...requesters] });
  const databricks = await startFakeDatabricksAccounts({ ...BENCH_ACCOUNT, patchesPerSecond: 2 });
  const policy = await writePolicyFile(POLICY);
  let bot: BotProcess | undefined;
  let bare: BareBoltProcess | undefined;
  try {
    for (const person of [APPROVER, SECOND_APPROVER, ...requesters]) {
      databricks.addUser({ userName: person.email, displayName: person.name ?? person.email });
    }
    databricks.addGroup({ displayName: 'data-analysts' });
    const bootStarted = performance.now();
    bot = await startBotProcess({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
      DATABRICKS_ACCOUNT_ID: BENCH_ACCOUNT.accountId,
      DATABRICKS_ACCOUNTS_HOST: databricks.url,
      DATABRICKS_CLIENT_ID: BENCH_ACCOUNT.clientId,
      DATABRICKS_CLIENT_SECRET: BENCH_ACCOUNT.clientSecret,
      POLICY_FILE: policy.file,
    });
    const bootMs = performance.now() - bootStarted;
    const running = bot;
    const events = `${bot.url}/slack/events`;
    const { requests: n, concurrency } = options;
    const phase = async (
      kind: string,
      shape: { count: number; concurrency: number },
      body: (i: number) => string,
      accept: Accept,
      followUp?: (shots: Shot[]) => Promise<FollowUps>,
    ): Promise<Phase> => {
      const [result, vitals] = await withVitals(running, async () => {
        const fired = await fire(events, kind, shape.count, shape.concurrency, body, accept);
        const followUps = followUp ? await followUp(fired.shots) : undefined;
        return { ...fired, ...(followUps ? { followUps } : {}), finishedAt: Date.now() };
      });
      const slackCalls = slack.calls.filter(
        (c) => c.at >= result.startedAt && c.at <= result.finishedAt,
      ).length;
      return { ...result, vitals, slackCalls };
    };
    const loaded = { count: n, concurrency };

    const helpFor = (userId: string) => slashCommandBody({ text: 'help', userId });
    await fire(events, 'warm-up', options.warmup, concurrency, () => helpFor(APPROVER.id), isHelp);

    bare = await startBareBolt({
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
    });
    const comparison = await compareWithBareBolt({
      botUrl: running.url,
      bareUrl: bare.url,
      requests: n,
      concurrency: COMPARISON_CONCURRENCY,
      rounds: 3,
      commands: [
        { text: 'help', userId: (i) => requesters[i]!.id },
        {
          text: 'access',
          userId: (i) => requesters[i]!.id,
          responseUrl: (i) => slack.responseUrl(`access-${i}`),
        },
      ],
    });
    await bare.stop();

    const alone = await phase(
      '/databricks help, one at a time',
      { count: Math.min(n, 100), concurrency: 1 },
      (i) => helpFor(requesters[i]!.id),
      isHelp,
    );
    const help = await phase('/databricks help', loaded, (i) => helpFor(requesters[i]!.id), isHelp);
    const requested = await phase(
      '/databricks request-access (inline)',
      loaded,
      (i) =>
        slashCommandBody({
          text: `request-access analysts 2h benchmark load ${i}`,
          userId: requesters[i]!.id,
          responseUrl: slack.responseUrl(`request-${i}`),
        }),
      isBareAck,
      (shots) => responseUrlReplies(slack, shots, (i) => `request-${i}`),
    );
    const pending = await database.db
      .selectFrom('access_requests')
      .select(['id', 'requester'])
      .where('state', '=', 'pending')
      .execute();
    const pendingOf = new Map(pending.map((row) => [row.requester, row.id]));
    const toApprove = requesters.map((person) => pendingOf.get(`slack:${person.id}`) ?? 'missing');
    const approved = await phase(
      'Approve button click',
      loaded,
      (i) =>
        blockActionsBody({
          userId: APPROVER.id,
          actions: [{ action_id: ACCESS_ACTIONS.approve, value: toApprove[i]! }],
          responseUrl: slack.responseUrl(`approve-${i}`),
        }),
      isBareAck,
      (shots) =>
        approvedDms(
          slack,
          shots,
          requesters.map((person) => person.id),
        ),
    );
    const states = await database.db
      .selectFrom('access_requests')
      .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('state')
      .execute();
    const metrics = await bot.metricsText();
    const stopped = await bot.stop();
    const phases = [alone, help, requested, approved];
    const report = ackReport({
      options,
      bootMs,
      phases,
      serverTimes: serverTimesByPhase(bot, phases),
      pendingBeforeApproval: pending.length,
      states: Object.fromEntries(states.map((s) => [s.state, Number(s.count)])),
      patches: databricks.requests.filter((r) => r.method === 'PATCH'),
      metrics,
      logs: bot.logLines(),
      stopped,
    });
    return {
      ...report,
      lines: [...report.lines, '', ...comparison.lines],
      checks: [...report.checks, ...comparison.checks],
    };
  } finally {
    await cleanUp([
      () => bot?.stop() ?? Promise.resolve(),
      () => bare?.stop() ?? Promise.resolve(),
      () => slack.close(),
      () => databricks.close(),
      () => database.drop(),
      () => redis.clear(),
      () => policy.remove(),
    ]);
  }
}

type Accept = (reply: SlackHttpReply) => boolean;
type Fired = Pick<Phase, 'kind' | 'shots' | 'elapsedMs' | 'startedAt' | 'endedAt' | 'concurrency'>;
const isHelp: Accept = (reply) => reply.status === 200 && reply.text.includes('request-access');
const isBareAck: Accept = (reply) => reply.status === 200;

async function fire(
  url: string,
  kind: string,
  count: number,
  concurrency: number,
  body: (i: number) => string,
  accept: Accept,
): Promise<Fired> {
  const startedAt = Date.now();
  const indexes = Array.from({ length: count }, (_, i) => i);
  const { results, elapsedMs } = await runWithConcurrency(indexes, concurrency, async (i): Promise<Shot> => {
    const raw = body(i);
    const sentAt = Date.now();
    const started = performance.now();
    try {
      const reply = await postSlack(url, raw, { signingSecret: BENCH_SIGNING_SECRET });
      const elapsed = performance.now() - started;
      const ok = accept(reply);
      return { index: i, sentAt, ms: elapsed, ok, ...(ok ? {} : { detail: `HTTP ${reply.status}` }) };
    } catch (error) {
      return { index: i, sentAt, ms: performance.now() - started, ok: false, detail: String(error) };
    }
  });
  return { kind, shots: results, elapsedMs, startedAt, endedAt: Date.now(), concurrency };
}

/** The ephemeral answers the bot posts to each request's response_url after acknowledging. */
async function responseUrlReplies(
  slack: FakeSlackApi,
  shots: Shot[],
  idOf: (i: number) => string,
): Promise<FollowUps> {
  const wanted = new Map(shots.map((shot) => [idOf(shot.index), shot]));
  const arrived = () => new Set(slack.responses.map((r) => r.id).filter((id) => wanted.has(id))).size;
  await pollUntil(() => arrived() >= wanted.size, FOLLOW_UP_TIMEOUT_MS);
  const result: FollowUps = {
    label: 'request-access: reply on response_url',
    delays: [],
    failed: [],
    missing: 0,
  };
  const seen = new Set<string>();
  for (const response of slack.responses) {
    const shot = wanted.get(response.id);
    if (!shot || seen.has(response.id)) continue;
    seen.add(response.id);
    result.delays.push(response.at - shot.sentAt);
    const text = String(response.body.text ?? '');
    if (!text.startsWith(':hourglass')) result.failed.push(text.slice(0, 160));
  }
  result.missing = wanted.size - seen.size;
  return result;
}

/** The DM telling each requester their request was approved: the decision is done and visible. */
async function approvedDms(slack: FakeSlackApi, shots: Shot[], requesterIds: string[]): Promise<FollowUps> {
  const sentAt = new Map(shots.map((shot) => [requesterIds[shot.index]!, shot.sentAt]));
  const arrived = new Map<string, number>();
  let scanned = 0;
  const scan = () => {
    const calls = slack.calls;
    for (; scanned < calls.length; scanned++) {
      const call = calls[scanned]!;
      const channel = String(call.params.channel ?? '');
      if (call.method !== 'chat.postMessage' || !sentAt.has(channel) || arrived.has(channel)) continue;
      if (JSON.stringify(call.params).includes('was approved by')) arrived.set(channel, call.at);
    }
    return arrived.size >= sentAt.size;
  };
  await pollUntil(scan, FOLLOW_UP_TIMEOUT_MS);
  return {
    label: 'approve: "approved" DM to the requester',
    delays: [...arrived].map(([user, at]) => at - sentAt.get(user)!),
    failed: [],
    missing: sentAt.size - arrived.size,
  };
}

/** pino-http's `responseTime` of each POST /slack/events, grouped by the phase it fell in. */
function serverTimesByPhase(bot: BotProcess, phases: Phase[]): number[][] {
  const times = phases.map((): number[] => []);
  for (const line of bot.logLines()) {
    const req = line.req as { url?: string } | undefined;
    if (line.msg !== 'request completed' || req?.url !== '/slack/events') continue;
    const at = Date.parse(String(line.time));
    const index = phases.findIndex((p) => at >= p.startedAt && at <= p.endedAt);
    if (index >= 0) times[index]!.push(Number(line.responseTime));
  }
  return times;
}
