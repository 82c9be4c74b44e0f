/**
 * Everything one fault run needs, started for it alone: its own Postgres and Redis, the fake
 * Slack and Databricks account in this process, the policy, and the bot as separate web and
 * worker processes pointed at them. `close()` undoes all of it (also on an abnormal exit).
 */
import {
  startFakeDatabricksAccounts,
  type FakeDatabricksAccounts,
} from '../../fakes/fake-databricks-accounts.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/fake-slack-api.js';
import { BotDatabase } from './bot-database.js';
import { BotOrchestrator } from './bot-orchestrator.js';
import { Cleanup } from './cleanup.js';
import { APPROVER, seedCast, type FaultCast } from './fault-cast.js';
import { startOwnPostgres, type OwnPostgres } from './own-postgres.js';
import { startOwnRedis, type OwnRedis } from './own-redis.js';
import { SIGNING_SECRET, SlackFrontDoor } from './slack-front-door.js';

const ACCOUNT = {
  accountId: '7e1f4a52-0c3b-4d8e-9a61-fa017c0ffee1',
  clientId: 'fault-suite-sp',
  clientSecret: 'fault-suite-sp-secret',
};

export interface FaultWorldOptions {
  /** Two capital letters or digits, part of every Slack user id of the run. */
  tag: string;
  requesters: number;
  /** Databricks group of which the n-th requester is a standing member. */
  standingIn?: readonly string[];
  /** Appended to the policy file (e.g. an `actions:` section). */
  policyExtra?: string;
  /** Extra environment for both roles (set after the defaults, so it may override them). */
  env?: Record<string, string>;
}

export interface FaultWorld {
  postgres: OwnPostgres;
  redis: OwnRedis;
  slack: FakeSlackApi;
  databricks: FakeDatabricksAccounts;
  cast: FaultCast;
  bots: BotOrchestrator;
  db: BotDatabase;
  front: SlackFrontDoor;
  close(): Promise<void>;
}

export async function startFaultWorld(options: FaultWorldOptions): Promise<FaultWorld> {
  const cleanup = new Cleanup();
  try {
    const postgres = await startOwnPostgres(cleanup);
    const redis = await startOwnRedis(cleanup);
    const slack = await startFakeSlackApi({ users: [APPROVER] });
    cleanup.add({ what: 'fake Slack', run: () => slack.close(), runNow: () => undefined });
    const databricks = await startFakeDatabricksAccounts({ ...ACCOUNT, patchesPerSecond: 2 });
    cleanup.add({ what: 'fake Databricks', run: () => databricks.close(), runNow: () => undefined });
    const cast = seedCast(
      options.tag,
      options.requesters,
      options.standingIn ?? [],
      databricks,
      cleanup,
      options.policyExtra,
    );
    for (const person of cast.requesters) slack.addUser(person);
    const databaseUrl = postgres.url('dbchatops_faults');
    const bots = await BotOrchestrator.start(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: 'faults',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: slack.apiUrl,
        DATABRICKS_ACCOUNT_ID: ACCOUNT.accountId,
        DATABRICKS_ACCOUNTS_HOST: databricks.url,
        DATABRICKS_CLIENT_ID: ACCOUNT.clientId,
        DATABRICKS_CLIENT_SECRET: ACCOUNT.clientSecret,
        POLICY_FILE: cast.policyFile,
        ...options.env,
      },
      cleanup,
    );
    const front = new SlackFrontDoor(slack, () => bots.webUrl);
    const db = new BotDatabase(databaseUrl);
    return { postgres, redis, slack, databricks, cast, bots, db, front, close: () => cleanup.runAll() };
  } catch (error) {
    await cleanup.runAll().catch(() => undefined);
    throw error;
  }
}
