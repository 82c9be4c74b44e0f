import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';

export type { Logger };

/** Keys whose values are secrets wherever they appear in a log record. */
const SECRET_KEYS = [
  'password',
  'secret',
  'token',
  'authorization',
  'cookie',
  'signingSecret',
  'botToken',
  'clientSecret',
  'client_secret',
  'appPassword',
  'encryptionKey',
  'access_token',
  'refresh_token',
  'accessToken',
  'x-slack-signature',
  'x-api-key',
  'DATABRICKS_CLIENT_SECRET',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'ENCRYPTION_KEY',
];

const pathPart = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

/** Redaction paths: each secret key at the top level and up to three levels deep. */
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) =>
  ['', '*', '*.*', '*.*.*'].map((prefix) => `${prefix}${pathPart(key)}`.replace(/^\./, '')),
);

export function createLogger(
  options: { level: string; name?: string },
  destination?: DestinationStream,
): Logger {
  const loggerOptions: LoggerOptions = {
    name: options.name ?? 'databricks-chatops',
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(loggerOptions, destination) : pino(loggerOptions);
}
