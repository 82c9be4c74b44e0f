import type { Redis } from 'ioredis';
import { createSlackWebClient } from '../../bots/slack/slack-web-client.js';
import { SlackNotifier, SlackUserDirectory } from '../../bots/slack/slack-notifier.js';
import { createTeamsConnection } from '../../bots/teams/teams-adapter.js';
import { TeamsNotifier, TeamsUserDirectory } from '../../bots/teams/teams-notifier.js';
import { accessJobScheduler } from '../../jobs/access-job-scheduler.js';
import { deliveryJobScheduler } from '../../jobs/delivery-job-scheduler.js';
import type { JobQueues } from '../../jobs/job-queues.js';
import type { AccessPolicy } from '../access/policy/access-policy.js';
import { AccountScimClient } from '../adapters/databricks/account-scim-client.js';
import { AccountTokenProvider } from '../adapters/databricks/account-token-provider.js';
import { unconfiguredDatabricksAccount } from '../adapters/databricks/unconfigured-account.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { NotifierByPlatform, UserDirectoryByPlatform } from '../messages/notifier-by-platform.js';
import { QueuedOutbox } from '../messages/queued-outbox.js';
import type { Clock } from '../ports/clock.js';
import type { DatabricksAccountPort } from '../ports/databricks-account.js';
import type { Services } from '../services.js';
import type { ChatUser } from '../ports/chat-user.js';
import { publishAlert } from '../subscriptions/publish-alert.js';

export interface ServiceParts {
  config: Config;
  db: Db;
  redis: Redis;
  queues: JobQueues;
  clock: Clock;
  log: Logger;
  policy: AccessPolicy;
  /** Replaces the account SCIM client (benchmarks tune its pacing); defaults from config. */
  databricks?: DatabricksAccountPort;
}

export function databricksAccountFrom(config: Config): DatabricksAccountPort {
  if (!config.databricks) return unconfiguredDatabricksAccount;
  const { accountsHost, accountId, clientId, clientSecret } = config.databricks;
  const tokenProvider = new AccountTokenProvider({ accountsHost, accountId, clientId, clientSecret });
  return new AccountScimClient({ accountsHost, accountId, tokenProvider });
}

/** Wires the domain to its adapters: the one place that knows which implementation serves which port. */
export function buildServices(parts: ServiceParts): Services {
  const { config, db, clock, log } = parts;
  const slackClient = config.slack ? createSlackWebClient(config.slack, log) : undefined;
  // Teams messages go out proactively through stored conversation references, from any role.
  const teams = config.teams ? createTeamsConnection(config.teams) : undefined;
  const notifier = new NotifierByPlatform({
    ...(slackClient ? { slack: new SlackNotifier(slackClient) } : {}),
    ...(teams ? { teams: new TeamsNotifier(teams, db) } : {}),
  });
  const directory = new UserDirectoryByPlatform({
    ...(slackClient ? { slack: new SlackUserDirectory(slackClient) } : {}),
    ...(teams ? { teams: new TeamsUserDirectory() } : {}),
  });
  const deliveryJobs = deliveryJobScheduler(parts.queues);
  const outbox = new QueuedOutbox(db, deliveryJobs);
  const admins: ChatUser[] = [
    ...(config.slack?.adminUserIds ?? []).map((id) => ({ platform: 'slack' as const, id })),
    ...config.adminTeamsUsers.map((id) => ({ platform: 'teams' as const, id })),
  ];
  const subscriptions = { db, clock, log: log.child({ domain: 'subscriptions' }), outbox, admins };
  return {
    config,
    db,
    clock,
    log,
    delivery: { db, notifier, jobs: deliveryJobs, log: log.child({ domain: 'delivery' }) },
    access: {
      db,
      clock,
      log: log.child({ domain: 'access' }),
      policy: parts.policy,
      databricks: parts.databricks ?? databricksAccountFrom(config),
      directory,
      outbox,
      jobs: accessJobScheduler(parts.queues, clock),
      admins,
      publishAlert: (alert) => publishAlert(subscriptions, alert),
    },
    subscriptions,
  };
}
