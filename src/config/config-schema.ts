import { z } from 'zod';

const ACCOUNTS_HOSTS = {
  aws: 'https://accounts.cloud.databricks.com',
  azure: 'https://accounts.azuredatabricks.net',
  gcp: 'https://accounts.gcp.databricks.com',
} as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((value) =>
      value === undefined || value === '' ? fallback : ['true', '1', 'yes'].includes(value),
    );

const urlWithoutTrailingSlash = z
  .url({ protocol: /^https?$/ })
  .transform((value) => value.replace(/\/+$/, ''));

const idList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  );

/** Comma-separated Slack user ids (`U0123ABCD`). */
const slackUserIds = idList.pipe(
  z.array(
    z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be Slack user ids such as U0123ABCD, comma-separated'),
  ),
);

/** Comma-separated e-mail addresses (how Teams users are known), lower-cased. */
const emailList = idList.pipe(
  z.array(z.email('must be e-mail addresses, comma-separated').transform((email) => email.toLowerCase())),
);

/** 32 random bytes, base64: the AES-256-GCM key that encrypts stored credentials. */
const encryptionKey = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return undefined;
    const trimmed = value.trim();
    const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
    if (bytes === null || bytes.length !== 32) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be 32 bytes encoded as base64 (for example the output of `openssl rand -base64 32`)',
      });
      return z.NEVER;
    }
    return bytes;
  });

/** The raw environment as operators write it; see the configuration table in README.md. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://postgres@127.0.0.1:5432/databricks_chatops'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, ":", "_" and "-" only')
    .default('dbchatops'),
  MIGRATE_ON_START: booleanFlag(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(8_000),
  /** SCIM membership writes per second for the whole deployment (shared through Redis). */
  SCIM_WRITES_PER_SECOND: z.coerce.number().positive().max(100).default(2),
  /** SCIM reads per second for group discovery, for the whole deployment (shared through Redis). */
  SCIM_DISCOVERY_READS_PER_SECOND: z.coerce.number().positive().max(100).default(2),
  /** Every worker's in-process access sweeper (0 turns it off; the BullMQ schedule remains). */
  ACCESS_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(30_000).default(10_000),
  /** SCIM reconciliation of policy-managed groups by the sweeping worker (0 turns it off). */
  RECONCILE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000)
    .default(300_000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api/'),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  TEAMS_ALLOW_ANONYMOUS: booleanFlag(false),
  TEAMS_OPENID_METADATA_URL: urlWithoutTrailingSlash.optional(),
  DATABRICKS_CLOUD: z.enum(['aws', 'azure', 'gcp']).default('aws'),
  DATABRICKS_ACCOUNT_ID: optionalText,
  DATABRICKS_ACCOUNTS_HOST: urlWithoutTrailingSlash.optional(),
  DATABRICKS_CLIENT_ID: optionalText,
  DATABRICKS_CLIENT_SECRET: optionalText,
  DATABRICKS_TLS_CA_FILE: optionalText,
  DATABRICKS_ALLOW_LOOPBACK_HOSTS: booleanFlag(false),
  ENCRYPTION_KEY: encryptionKey,
  PUBLIC_URL: urlWithoutTrailingSlash.optional(),
  PRIVACY_URL: urlWithoutTrailingSlash.optional(),
  TERMS_URL: urlWithoutTrailingSlash.optional(),
  HEALTH_CHANNEL: z
    .string()
    .trim()
    .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD')
    .optional(),
  POLICY_FILE: z.string().trim().min(1).default('policies.yml'),
  COST_CONFIG_FILE: z.string().trim().min(1).default('cost.yml'),
  ADMIN_SLACK_USER_IDS: idList,
  ADMIN_TEAMS_USERS: idList.transform((emails) => emails.map((email) => email.toLowerCase())),
  SECURITY_RESPONDERS_SLACK: slackUserIds,
  SECURITY_RESPONDERS_TEAMS: emailList,
});

export type Environment = z.output<typeof environmentSchema>;

export function accountsHostFor(cloud: Environment['DATABRICKS_CLOUD']): string {
  return ACCOUNTS_HOSTS[cloud];
}
