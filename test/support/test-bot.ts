import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueueEvents, type JobsOptions } from 'bullmq';
import { JOB_CATALOG } from '../../jobs/job-catalog.js';
import type { JobDefinition } from '../../jobs/job-definition.js';
import { AccountScimClient } from '../../src/adapters/databricks/account-scim-client.js';
import { AccountTokenProvider } from '../../src/adapters/databricks/account-token-provider.js';
import { loadConfig } from '../../src/config/config.js';
import { AppRuntime, type Role, type RuntimeOptions } from '../../src/runtime/app-runtime.js';
import {
  startFakeDatabricksAccounts,
  type FakeDatabricksAccounts,
} from '../fakes/fake-databricks-accounts.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/fake-slack-api.js';
import type { FakeSlackUser } from '../fakes/fake-slack-users.js';
import { captureLogger } from './capture-logger.js';
import { ManualClock } from './manual-clock.js';
import {
  blockActionsBody,
  postSlack,
  slashCommandBody,
  viewSubmissionBody,
  type ViewValues,
} from './slack-requests.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from './test-redis.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const ACCOUNT_ID = '11111111-2222-3333-4444-555555555555';

export interface TestBotOptions {
  policy?: string;
  slackUsers?: FakeSlackUser[];
  env?: Record<string, string>;
  role?: Role;
  patchesPerSecond?: number;
  /** The fake account refuses GETs beyond this many a second (429), like a real rate limit. */
  readsPerSecond?: number;
  jobOptions?: JobsOptions;
  /** Ports the test replaces: workspace clients, collection schedules, remote ingest. */
  runtime?: Pick<RuntimeOptions, 'workspaces' | 'connectorSchedules' | 'ingestBatches' | 'actionExecution'>;
}

/**
 * The whole bot, as production runs it (HTTP front end, workers, real Postgres and Redis), with
 * its outbound clients pointed at fake Slack and Databricks servers and time on a manual clock.
 */
export async function startTestBot(options: TestBotOptions = {}) {
  const database: TestDatabase = await createTestDatabase('bot');
  const redis = createTestRedisPrefix('bot');
  const slack: FakeSlackApi = await startFakeSlackApi({ users: options.slackUsers ?? [] });
  const databricks: FakeDatabricksAccounts = await startFakeDatabricksAccounts({
    accountId: ACCOUNT_ID,
    clientId: 'chatops-sp',
    clientSecret: 'sp-secret-value',
    ...(options.patchesPerSecond ? { patchesPerSecond: options.patchesPerSecond } : {}),
    ...(options.readsPerSecond ? { readsPerSecond: options.readsPerSecond } : {}),
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'dbchatops-'));
  const policyFile = path.join(dir, 'policies.yml');
  await writeFile(policyFile, options.policy ?? 'groups: {}\n');
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: redis.prefix,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
    DATABRICKS_ACCOUNT_ID: ACCOUNT_ID,
    DATABRICKS_ACCOUNTS_HOST: databricks.url,
    DATABRICKS_CLIENT_ID: 'chatops-sp',
    DATABRICKS_CLIENT_SECRET: 'sp-secret-value',
    POLICY_FILE: policyFile,
    // Tests drive sweeps themselves, on the manual clock.
    ACCESS_SWEEP_INTERVAL_MS: '0',
    RECONCILE_INTERVAL_MS: '0',
    ...options.env,
  });
  const clock = new ManualClock();
  const logs = captureLogger('debug');
  const fast = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 1_500 };
  const scim = new AccountScimClient({
    accountsHost: databricks.url,
    accountId: ACCOUNT_ID,
    tokenProvider: new AccountTokenProvider({
      accountsHost: databricks.url,
      accountId: ACCOUNT_ID,
      clientId: 'chatops-sp',
      clientSecret: 'sp-secret-value',
      retry: fast,
    }),
    retry: fast,
    patchesPerSecond: options.patchesPerSecond ?? 1000,
  });
  const runtime = await AppRuntime.start({
    config,
    log: logs.log,
    role: options.role ?? 'all',
    clock,
    defaultMetrics: false,
    policyRequired: true,
    databricks: scim,
    slackProcessBeforeResponse: true,
    jobOptions: options.jobOptions ?? { backoff: { type: 'fixed', delay: 30 } },
    ...options.runtime,
  });
  const url = `http://127.0.0.1:${runtime.port}`;
  const queueEvents = new Map<string, QueueEvents>();

  /** Waits until no job is waiting or running on any queue (so their messages have been sent). */
  async function idle(timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    let quietChecks = 0;
    while (quietChecks < 3) {
      let busy = 0;
      for (const definition of JOB_CATALOG) {
        const counts = await runtime.queues
          .queueFor(definition)
          .getJobCounts('active', 'waiting', 'prioritized');
        busy += (counts.active ?? 0) + (counts.waiting ?? 0) + (counts.prioritized ?? 0);
      }
      quietChecks = busy === 0 ? quietChecks + 1 : 0;
      if (Date.now() > deadline) throw new Error(`jobs still busy after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Sends a signed request and, once answered, waits for the jobs it started (deliveries, grants)
   * to finish, so a test sees what the people involved would see.
   */
  const send = async (body: string) => {
    const reply = await postSlack(`${url}/slack/events`, body, { signingSecret: SIGNING_SECRET });
    await idle();
    return reply;
  };

  return {
    runtime,
    url,
    slack,
    databricks,
    clock,
    logs,
    db: database.db,
    services: runtime.services,

    /** `/databricks <text>` from a user; the reply to response_url lands in slack.responses. */
    command(userId: string, text: string, options: { channelId?: string } = {}) {
      return send(
        slashCommandBody({
          text,
          userId,
          ...(options.channelId ? { channelId: options.channelId } : {}),
          responseUrl: slack.responseUrl(`cmd-${randomUUID()}`),
          triggerId: `trig-${randomUUID()}`,
        }),
      );
    },

    click(
      userId: string,
      actionId: string,
      value: string,
      extra: { channelId?: string; messageTs?: string } = {},
    ) {
      return send(
        blockActionsBody({
          userId,
          actions: [{ action_id: actionId, value }],
          responseUrl: slack.responseUrl(`act-${randomUUID()}`),
          triggerId: `trig-${randomUUID()}`,
          ...extra,
        }),
      );
    },

    submitView(userId: string, callbackId: string, values: ViewValues, privateMetadata?: string) {
      return send(viewSubmissionBody({ userId, callbackId, values, privateMetadata }));
    },

    /** Enqueues a job now and waits for it to finish on the real workers. */
    async runJob<P>(definition: JobDefinition<P>, payload: P): Promise<unknown> {
      let events = queueEvents.get(definition.queue);
      if (!events) {
        events = new QueueEvents(definition.queue, {
          connection: { url: TEST_REDIS_URL },
          prefix: redis.prefix,
        });
        await events.waitUntilReady();
        queueEvents.set(definition.queue, events);
      }
      const job = await runtime.queues.queueFor(definition).add(definition.queue, payload);
      return job.waitUntilFinished(events, 15_000);
    },

    redisPrefix: redis.prefix,

    idle,

    async stop() {
      for (const events of queueEvents.values()) await events.close();
      await runtime.stop();
      await slack.close();
      await databricks.close();
      await database.drop();
      await redis.clear();
    },
  };
}

export type TestBot = Awaited<ReturnType<typeof startTestBot>>;
