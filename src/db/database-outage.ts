/**
 * Telling a database outage (Postgres restarting, a failover, connections cut by an admin) from
 * our own bugs, and riding one out: a restart takes seconds, and a person's chat submission
 * should be carried out once the database is back rather than answered with an apology.
 */
import { DomainError } from '../errors/domain-errors.js';

/** SQLSTATE classes and codes that mean "the server went away", not "the statement was wrong". */
const OUTAGE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const OUTAGE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const OUTAGE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|the database system is (shutting down|starting up|in recovery mode)|Client has encountered a connection error/i;

/** True when `error` (or its cause) says the database could not be reached or dropped the connection. */
export function isDatabaseOutage(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code === 'string' && (OUTAGE_SQLSTATES.has(code) || OUTAGE_NETWORK_CODES.has(code)))
      return true;
    if (OUTAGE_MESSAGES.test(cause.message)) return true;
    if (cause instanceof AggregateError && cause.errors.some(isDatabaseOutage)) return true;
  }
  return false;
}

/** What a person is told when the database stayed away longer than we waited. */
export class DatabaseUnavailable extends DomainError {
  constructor() {
    super(
      'My database is not reachable right now (it may be restarting), so I could not finish that. Please try again in a minute; the `access` command shows whether a request was filed.',
    );
  }
}

export interface OutageRetryOptions {
  /** Give up after this long; a Postgres restart takes a few seconds. */
  withinMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: unknown, attempt: number) => void;
}

/**
 * Runs `work`, again while the database is out, for up to `withinMs`. Only for work that is safe
 * to repeat (it finds its own earlier effect, e.g. by a submission key). Still out at the end:
 * DatabaseUnavailable, which front ends show as a specific message.
 */
export async function rideOutDatabaseOutage<T>(
  work: () => Promise<T>,
  options: OutageRetryOptions = {},
): Promise<T> {
  const withinMs = options.withinMs ?? 20_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + withinMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseOutage(error)) throw error;
      if (Date.now() >= deadline) throw new DatabaseUnavailable();
      options.onRetry?.(error, attempt);
      await sleep(Math.min(2_000, 250 * 2 ** (attempt - 1)));
    }
  }
}

/** A database outage as the DomainError people are shown; any other error unchanged. */
export function outageAsDomainError(error: unknown): unknown {
  return !(error instanceof DomainError) && isDatabaseOutage(error) ? new DatabaseUnavailable() : error;
}
