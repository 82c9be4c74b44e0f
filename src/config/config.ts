import { readFileSync } from 'node:fs';
import {
  agentScanEnvironment,
  agentScanSettings,
  type AgentScanConfig,
} from '../agents/agent-scan-config.js';
import { collectorEnvironment, collectorSettingsFrom } from '../collectors/collector-config.js';
import type { CollectorSettings } from '../collectors/collector-deps.js';
import { accountsHostFor, environmentSchema, type Environment } from './config-schema.js';

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  apiUrl: string;
  adminUserIds: string[];
}

export interface TeamsConfig {
  appId: string | undefined;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: Environment['MICROSOFT_APP_TYPE'];
  allowAnonymous: boolean;
  /**
   * Where Bot Framework publishes the keys that sign incoming activities; Microsoft's own when
   * unset. Only local development and tests point it elsewhere (refused in production).
   */
  openIdMetadataUrl: string | undefined;
}

export interface DatabricksAccountConfig {
  cloud: Environment['DATABRICKS_CLOUD'];
  accountId: string;
  accountsHost: string;
  clientId: string;
  clientSecret: string;
}

/** How the bot reaches Databricks workspaces (connectors and collectors). */
export interface WorkspaceTlsConfig {
  /** PEM from DATABRICKS_TLS_CA_FILE, trusted on top of the usual roots. */
  extraCaPem: string | undefined;
  /** Accept loopback workspace hosts (the local emulator); refused with NODE_ENV=production. */
  allowLoopbackHosts: boolean;
}

export interface Config {
  env: Environment['NODE_ENV'];
  port: number;
  logLevel: Environment['LOG_LEVEL'];
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  migrateOnStart: boolean;
  shutdownTimeoutMs: number;
  /** SCIM membership writes per second, shared by every replica. */
  scimWritesPerSecond: number;
  /** SCIM reads per second of group discovery, shared by every replica. */
  scimDiscoveryReadsPerSecond: number;
  /** The in-process access sweeper's longest pause (0: off); it wakes earlier for a grant's end. */
  accessSweepIntervalMs: number;
  /** How often the sweeping worker reconciles group memberships with Databricks (0: off). */
  reconcileIntervalMs: number;
  /** How long a client may take to send request headers / a whole request. */
  http: { headersTimeoutMs: number; requestTimeoutMs: number };
  slack: SlackConfig | undefined;
  teams: TeamsConfig | undefined;
  databricks: DatabricksAccountConfig | undefined;
  encryptionKey: Buffer | undefined;
  workspaces: WorkspaceTlsConfig;
  /** The bot's public base URL (remote collectors' connection strings). */
  publicUrl: string | undefined;
  /** Where /privacy and /terms send people (the Teams app links to them); our own pages when unset. */
  legal: { privacyUrl: string | undefined; termsUrl: string | undefined };
  /** Slack channel id for connector health changes that no channel subscribed to. */
  healthChannel: string | undefined;
  policyFile: string;
  /** Contract discounts, rolled-up tags and cost alert rules; see cost.example.yml. */
  costConfigFile: string;
  /** Teams admins by e-mail (Slack admins are in `slack.adminUserIds`). */
  adminTeamsUsers: string[];
  /** Who may mute a finding's rule or mark it a false positive (besides admins). */
  securityResponders: { slack: string[]; teams: string[] };
  /** Agent discovery and trace scanning (src/agents). */
  agentScan: AgentScanConfig;
  /** Batch size and billing overlap of the system-table collectors (src/collectors). */
  collectors: CollectorSettings;
}

/** Every environment variable the bot reads (ROLE aside, which `--role` also sets). */
export const CONFIG_VARIABLES: readonly string[] = [
  ...Object.keys(environmentSchema.shape),
  ...Object.keys(agentScanEnvironment.shape),
  ...Object.keys(collectorEnvironment.shape),
];

/** A configuration problem, named by variable; never carries the offending value. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Problems = { variable: string; problem: string }[];

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        // The variable, not the position inside a list it holds (`SECURITY_RESPONDERS_SLACK`, not `….0`).
        variable: issue.path.length > 0 ? String(issue.path[0]) : '(environment)',
        problem: issue.message,
      })),
    );
  }
  const env = parsed.data;
  const problems: Problems = [];
  const config: Config = {
    env: env.NODE_ENV,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    migrateOnStart: env.MIGRATE_ON_START,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    scimWritesPerSecond: env.SCIM_WRITES_PER_SECOND,
    scimDiscoveryReadsPerSecond: env.SCIM_DISCOVERY_READS_PER_SECOND,
    accessSweepIntervalMs: env.ACCESS_SWEEP_INTERVAL_MS,
    reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
    http: { headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS },
    slack: slackSettings(env, problems),
    teams: teamsSettings(env, problems),
    databricks: databricksSettings(env, problems),
    encryptionKey: env.ENCRYPTION_KEY,
    workspaces: workspaceSettings(env, problems),
    publicUrl: env.PUBLIC_URL,
    legal: { privacyUrl: env.PRIVACY_URL, termsUrl: env.TERMS_URL },
    healthChannel: env.HEALTH_CHANNEL,
    policyFile: env.POLICY_FILE,
    costConfigFile: env.COST_CONFIG_FILE,
    adminTeamsUsers: env.ADMIN_TEAMS_USERS,
    securityResponders: { slack: env.SECURITY_RESPONDERS_SLACK, teams: env.SECURITY_RESPONDERS_TEAMS },
    agentScan: agentScanSettings(source, problems),
    collectors: collectorSettingsFrom(source, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function slackSettings(env: Environment, problems: Problems): SlackConfig | undefined {
  const { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: botToken } = env;
  if (signingSecret === undefined && botToken === undefined) return undefined;
  if (signingSecret === undefined) {
    problems.push({ variable: 'SLACK_SIGNING_SECRET', problem: 'is required when SLACK_BOT_TOKEN is set' });
    return undefined;
  }
  if (botToken === undefined) {
    problems.push({ variable: 'SLACK_BOT_TOKEN', problem: 'is required when SLACK_SIGNING_SECRET is set' });
    return undefined;
  }
  if (!/^xox[bp]-/.test(botToken)) {
    problems.push({ variable: 'SLACK_BOT_TOKEN', problem: 'must be a bot token starting with "xoxb-"' });
  }
  const apiUrl = env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`;
  return { signingSecret, botToken, apiUrl, adminUserIds: env.ADMIN_SLACK_USER_IDS };
}

function teamsSettings(env: Environment, problems: Problems): TeamsConfig | undefined {
  const appId = env.MICROSOFT_APP_ID;
  if (appId === undefined && !env.TEAMS_ALLOW_ANONYMOUS) return undefined;
  if (appId === undefined && env.NODE_ENV === 'production') {
    problems.push({
      variable: 'TEAMS_ALLOW_ANONYMOUS',
      problem: 'anonymous Teams access is for local development only and is refused when NODE_ENV=production',
    });
  }
  if (appId !== undefined && env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD) {
    problems.push({
      variable: 'MICROSOFT_APP_PASSWORD',
      problem: 'is required when MICROSOFT_APP_ID is set',
    });
  }
  if (appId !== undefined && env.MICROSOFT_APP_TYPE !== 'MultiTenant' && !env.MICROSOFT_APP_TENANT_ID) {
    problems.push({
      variable: 'MICROSOFT_APP_TENANT_ID',
      problem: `is required when MICROSOFT_APP_TYPE is ${env.MICROSOFT_APP_TYPE}`,
    });
  }
  if (env.TEAMS_OPENID_METADATA_URL !== undefined && env.NODE_ENV === 'production') {
    problems.push({
      variable: 'TEAMS_OPENID_METADATA_URL',
      problem:
        'another Bot Framework key source is for local development and tests only; unset it in production',
    });
  }
  return {
    appId,
    appPassword: env.MICROSOFT_APP_PASSWORD,
    openIdMetadataUrl: env.TEAMS_OPENID_METADATA_URL,
    tenantId: env.MICROSOFT_APP_TENANT_ID,
    appType: env.MICROSOFT_APP_TYPE,
    allowAnonymous: appId === undefined,
  };
}

function databricksSettings(env: Environment, problems: Problems): DatabricksAccountConfig | undefined {
  const required = {
    DATABRICKS_ACCOUNT_ID: env.DATABRICKS_ACCOUNT_ID,
    DATABRICKS_CLIENT_ID: env.DATABRICKS_CLIENT_ID,
    DATABRICKS_CLIENT_SECRET: env.DATABRICKS_CLIENT_SECRET,
  };
  const missing = Object.entries(required).filter(([, value]) => value === undefined);
  if (missing.length === Object.keys(required).length) return undefined;
  for (const [variable] of missing) {
    problems.push({ variable, problem: 'is required when any Databricks account setting is set' });
  }
  if (missing.length > 0) return undefined;
  return {
    cloud: env.DATABRICKS_CLOUD,
    accountId: required.DATABRICKS_ACCOUNT_ID!,
    accountsHost: env.DATABRICKS_ACCOUNTS_HOST ?? accountsHostFor(env.DATABRICKS_CLOUD),
    clientId: required.DATABRICKS_CLIENT_ID!,
    clientSecret: required.DATABRICKS_CLIENT_SECRET!,
  };
}

function workspaceSettings(env: Environment, problems: Problems): WorkspaceTlsConfig {
  if (env.DATABRICKS_ALLOW_LOOPBACK_HOSTS && env.NODE_ENV === 'production') {
    problems.push({
      variable: 'DATABRICKS_ALLOW_LOOPBACK_HOSTS',
      problem:
        'loopback workspace hosts are for local development only and are refused when NODE_ENV=production',
    });
  }
  let extraCaPem: string | undefined;
  const file = env.DATABRICKS_TLS_CA_FILE;
  if (file !== undefined) {
    try {
      extraCaPem = readFileSync(file, 'utf8');
      if (!extraCaPem.includes('-----BEGIN CERTIFICATE-----')) {
        problems.push({ variable: 'DATABRICKS_TLS_CA_FILE', problem: 'is not a PEM certificate file' });
      }
    } catch {
      problems.push({ variable: 'DATABRICKS_TLS_CA_FILE', problem: 'cannot be read' });
    }
  }
  return { extraCaPem, allowLoopbackHosts: env.DATABRICKS_ALLOW_LOOPBACK_HOSTS };
}
