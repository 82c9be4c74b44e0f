import type { Redis } from 'ioredis';
import { accessJobScheduler } from '../../jobs/access-job-scheduler.js';
import { actionJobScheduler } from '../../jobs/action-job-scheduler.js';
import {
  DEFAULT_EXECUTION_SETTINGS,
  type ActionDeps,
  type ActionExecutionSettings,
} from '../actions/action-deps.js';
import { costAlertRemediations } from '../actions/remediation-buttons.js';
import { agentScanJobScheduler } from '../../jobs/agent-scan-job-scheduler.js';
import { collectJobScheduler } from '../../jobs/collect-job-scheduler.js';
import { costJobScheduler } from '../../jobs/cost-job-scheduler.js';
import { deliveryJobScheduler } from '../../jobs/delivery-job-scheduler.js';
import type { JobQueues } from '../../jobs/job-queues.js';
import type { AccessPolicy } from '../access/policy/access-policy.js';
import { AccountScimClient } from '../adapters/databricks/account-scim-client.js';
import { AccountTokenProvider } from '../adapters/databricks/account-token-provider.js';
import { SharedWriteBudget } from '../adapters/databricks/shared-write-budget.js';
import { unconfiguredDatabricksAccount } from '../adapters/databricks/unconfigured-account.js';
import { WorkspaceClientFactory } from '../adapters/databricks/workspace-client-factory.js';
import type { CollectorDeps, CollectorSettings } from '../collectors/collector-deps.js';
import { CollectorIngest } from '../collectors/collector-ingest.js';
import { toRegionHealthReport } from '../collectors/health-report.js';
import { recordRegionHealth } from '../connectors/region-health.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { NotifierByPlatform, UserDirectoryByPlatform } from '../messages/notifier-by-platform.js';
import { QueuedOutbox } from '../messages/queued-outbox.js';
import type { Clock } from '../ports/clock.js';
import type { DatabricksAccountPort, RequestPacer } from '../ports/databricks-account.js';
import type { AccessDeps } from '../access/access-deps.js';
import { ApproverGroupMembers } from '../access/approver-group-members.js';
import { DEFAULT_DISCOVERY_PAGE_SIZE } from '../governance/governance-deps.js';
import { reviewJobScheduler } from '../../jobs/review-job-scheduler.js';
import type { WorkspaceApiFactory } from '../ports/databricks-workspace.js';
import { SecretBox } from '../security/secret-box.js';
import type { Services } from '../services.js';
import type { FindingDeps } from '../findings/finding-deps.js';
import { fingerprintKeyFrom } from '../findings/fingerprint.js';
import type { ChatUser } from '../ports/chat-user.js';
import type { ChatPlatforms } from './chat-platforms.js';
import { publishAlert } from '../subscriptions/publish-alert.js';
import { StoredPeople } from '../people/stored-people.js';
import type { ConnectorDeps } from '../connectors/connector-deps.js';
import type { ConnectorScheduleHooks } from '../connectors/connector-schedules.js';
import type { IngestBatches } from '../connectors/ingest-batches.js';
import { DEFAULT_COST_CONFIG, type CostConfig } from '../cost/config/cost-config.js';
import type { CostDeps } from '../cost/cost-deps.js';
import { costRefreshAfterCollect } from '../cost/rollups/mark-usage-dates.js';

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
  /** Replaces discovery's SCIM read budget (benchmarks and tests set their own rate). */
  discoveryPacer?: RequestPacer;
  /** Replaces the workspace clients (tests shorten driver retries); defaults from config. */
  workspaces?: WorkspaceApiFactory;
  collectorSettings?: CollectorSettings;
  /** Starts and stops regions' collection schedules for the connector domain; default: none. */
  connectorSchedules?: ConnectorScheduleHooks;
  /** Stores remote collectors' batches; default: the /ingest routes answer 503. */
  ingestBatches?: IngestBatches;
  /** The validated cost config file; default: list prices, no alert rules. */
  costConfig?: CostConfig;
  /** The configured chat platforms' notifiers and directories (see chat-platforms.ts). */
  chat: ChatPlatforms;
  /** The sandbox console's admins (`npm run sandbox` only). */
  sandboxAdmins?: ChatUser[];
  /** How action execution waits and retries (tests shorten it); default DEFAULT_EXECUTION_SETTINGS. */
  actionExecution?: Partial<ActionExecutionSettings>;
}

/** The account SCIM client, its writes paced by one budget shared (in Redis) by every replica. */
export function databricksAccountFrom(config: Config, redis: Redis, log: Logger): DatabricksAccountPort {
  if (!config.databricks) return unconfiguredDatabricksAccount;
  const { accountsHost, accountId, clientId, clientSecret } = config.databricks;
  const tokenProvider = new AccountTokenProvider({ accountsHost, accountId, clientId, clientSecret });
  const writePacer = new SharedWriteBudget({
    redis,
    key: `${config.queuePrefix}:scim-writes:${accountId}`,
    writesPerSecond: config.scimWritesPerSecond,
    log,
  });
  return new AccountScimClient({ accountsHost, accountId, tokenProvider, writePacer });
}

/** Discovery's SCIM read budget, shared (in Redis) by every replica like the write budget. */
export function discoveryPacerFrom(config: Config, redis: Redis, log: Logger): SharedWriteBudget | undefined {
  if (!config.databricks) return undefined;
  return new SharedWriteBudget({
    redis,
    key: `${config.queuePrefix}:scim-discovery-reads:${config.databricks.accountId}`,
    writesPerSecond: config.scimDiscoveryReadsPerSecond,
    log,
  });
}

/** Wires the domain to its adapters: the one place that knows which implementation serves which port. */
export function buildServices(parts: ServiceParts): Services {
  const { config, db, clock, log } = parts;
  const notifier = new NotifierByPlatform(parts.chat.notifiers);
  const directory = new UserDirectoryByPlatform(parts.chat.directories);
  const deliveryJobs = deliveryJobScheduler(parts.queues);
  const outbox = new QueuedOutbox(db, deliveryJobs);
  const admins: ChatUser[] = [
    ...(config.slack?.adminUserIds ?? []).map((id) => ({ platform: 'slack' as const, id })),
    ...config.adminTeamsUsers.map((id) => ({ platform: 'teams' as const, id })),
    ...(parts.sandboxAdmins ?? []),
  ];
  const subscriptions = { db, clock, log: log.child({ domain: 'subscriptions' }), outbox, admins };
  const workspaces = parts.workspaces ?? workspacesFrom(config, log);
  const secrets = config.encryptionKey ? new SecretBox(config.encryptionKey) : undefined;
  const collectSchedules = collectJobScheduler(parts.queues);
  const cost: CostDeps = {
    db,
    clock,
    log: log.child({ domain: 'cost' }),
    config: parts.costConfig ?? DEFAULT_COST_CONFIG,
    outbox,
    jobs: costJobScheduler(parts.queues),
    publishAlert: (alert) => publishAlert(subscriptions, alert),
  };
  const collectors: CollectorDeps = {
    db,
    clock,
    log: log.child({ domain: 'collectors' }),
    workspaces,
    secrets,
    settings: parts.collectorSettings ?? config.collectors,
    recordRegionHealth: async (regionId, health) => {
      await recordRegionHealth(connectors, regionId, toRegionHealthReport(health));
    },
    usageListener: costRefreshAfterCollect(cost),
    schedules: collectSchedules,
  };
  const connectors: ConnectorDeps = {
    db,
    clock,
    log: log.child({ domain: 'connectors' }),
    admins,
    workspaces,
    secrets,
    allowLoopbackHosts: config.workspaces.allowLoopbackHosts,
    schedules: parts.connectorSchedules ?? collectSchedules,
    ingest: parts.ingestBatches ?? new CollectorIngest(collectors),
    publishAlert: (alert) => publishAlert(subscriptions, alert),
    outbox,
    healthChannel: config.healthChannel,
    publicUrl: config.publicUrl,
  };
  const responders: ChatUser[] = [
    ...config.securityResponders.slack.map((id) => ({ platform: 'slack' as const, id })),
    ...config.securityResponders.teams.map((id) => ({ platform: 'teams' as const, id })),
    ...admins,
  ];
  const findings: FindingDeps = {
    db,
    clock,
    log: log.child({ domain: 'findings' }),
    outbox,
    subscriptions,
    responders,
  };
  const accessLog = log.child({ domain: 'access' });
  const accountApi = parts.databricks ?? databricksAccountFrom(config, parts.redis, log);
  const access: AccessDeps = {
    db,
    clock,
    log: accessLog,
    policy: parts.policy,
    databricks: accountApi,
    directory,
    approverGroups: new ApproverGroupMembers({ databricks: accountApi, directory, clock, log: accessLog }),
    people: new StoredPeople(db, directory, log.child({ domain: 'people' })),
    outbox,
    jobs: accessJobScheduler(parts.queues, clock),
    admins,
    publishAlert: (alert) => publishAlert(subscriptions, alert),
  };
  const actions: ActionDeps = {
    db,
    clock,
    log: log.child({ domain: 'actions' }),
    policies: () => parts.policy.actions ?? [],
    connectors,
    access,
    outbox,
    jobs: actionJobScheduler(parts.queues),
    cost,
    admins,
    execution: { ...DEFAULT_EXECUTION_SETTINGS, ...parts.actionExecution },
  };
  cost.remediationButtons = (row) => costAlertRemediations(actions, row);
  return {
    config,
    db,
    clock,
    log,
    actions,
    delivery: { db, notifier, jobs: deliveryJobs, log: log.child({ domain: 'delivery' }) },
    access,
    governance: {
      ...access,
      log: log.child({ domain: 'governance' }),
      discoveryPacer: parts.discoveryPacer ?? discoveryPacerFrom(config, parts.redis, log),
      discoveryPageSize: DEFAULT_DISCOVERY_PAGE_SIZE,
      reviewJobs: reviewJobScheduler(parts.queues),
    },
    subscriptions,
    connectors,
    collectors,
    findings,
    cost,
    agents: {
      db,
      clock,
      log: log.child({ domain: 'agents' }),
      config: config.agentScan,
      workspaces,
      secrets,
      fingerprintKey: config.encryptionKey ? fingerprintKeyFrom(config.encryptionKey) : undefined,
      findings,
      schedules: agentScanJobScheduler(parts.queues),
    },
  };
}

function workspacesFrom(config: Config, log: Logger): WorkspaceApiFactory {
  return new WorkspaceClientFactory({
    ...(config.workspaces.extraCaPem ? { extraCaPem: config.workspaces.extraCaPem } : {}),
    allowLoopbackHosts: config.workspaces.allowLoopbackHosts,
    log,
  });
}
