import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';
import { scrubForLog, scrubText } from './scrub-secrets.js';

export type { Logger };

export interface LoggerSettings {
  level: string;
  name?: string;
  /** Configured secret values (tokens, client secrets) that must never appear in a line. */
  secrets?: readonly string[];
}

/**
 * The process logger. Credentials are removed by construction: every logged object is scrubbed
 * at any depth and any key case before it is serialised (errors included, with their causes and
 * the requests they carry), and every finished line is scrubbed once more for bearer tokens,
 * Slack tokens, `client_secret=` and the configured secret values, which also covers messages.
 */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const secrets = (settings.secrets ?? []).filter((secret) => secret.length >= 6);
  const loggerOptions: LoggerOptions = {
    name: settings.name ?? 'databricks-chatops',
    level: settings.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrubForLog(object, secrets) as Record<string, unknown>,
    },
    // Errors were already made plain (and scrubbed) by `formatters.log`.
    serializers: { err: (error: unknown) => error },
    hooks: { streamWrite: (line) => scrubText(line, secrets) },
  };
  // stdout written asynchronously (buffered while a write is in flight, flushed on exit): a
  // synchronous write per line would sit in every request's path, acks included.
  return pino(loggerOptions, destination ?? pino.destination({ dest: 1, sync: false }));
}
