/**
 * When and how long to wait before repeating a Databricks HTTP call: 429 and 5xx (honouring
 * `Retry-After` when sent) and network errors are retried with capped exponential backoff and jitter,
 * a bounded number of times. Other statuses are answers, not accidents, and come back at once.
 */
import { DatabricksApiError } from '../../ports/databricks-account.js';

export interface RetryOptions {
  /** Total tries including the first; 1 disables retrying. */
  maxAttempts: number;
  /** Backoff before the second try; doubles for each further try. */
  baseDelayMs: number;
  /** Upper bound for any single wait, including one asked for by `Retry-After`. */
  maxDelayMs: number;
  /** Waits this long; tests pass a fake that records the delay and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds, for `Retry-After` given as an HTTP-date. */
  now?: () => number;
  /** Uniform in [0, 1), for jitter. */
  random?: () => number;
  /**
   * Repeat a call that failed on the network only when the request surely never reached the
   * server (connection refused, name not resolved). For writes: after a timeout or a reset the
   * write may have landed, so the caller must read the world before writing again.
   */
  onlyUnsentRetries?: boolean;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000 };

/** 429 and 5xx: the same request may succeed later. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or HTTP-date, RFC 9110 §10.2.3),
 * or undefined when absent or unreadable. Never negative.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Backoff before try `attempt + 1`: base·2^(attempt-1), capped, with "equal jitter" (½ to 1×). */
export function backoffDelay(attempt: number, options: RetryOptions): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Calls `send` until it answers with a status that is not worth retrying, or the attempts run
 * out; returns that last response (the caller turns a non-2xx into an error). A thrown
 * DatabricksApiError is passed through untouched; any other throw is a network error, retried
 * and finally reported as a retryable DatabricksApiError without status. `label` (e.g.
 * "PATCH /Groups/123") names the call in that error; it must not contain secrets.
 */
export async function sendWithRetry(
  label: string,
  send: (attempt: number) => Promise<Response>,
  options: RetryOptions,
): Promise<Response> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts));
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= maxAttempts;
    let response: Response;
    try {
      response = await send(attempt);
    } catch (error) {
      if (error instanceof DatabricksApiError) throw error;
      if (options.onlyUnsentRetries && !neverReachedServer(error)) {
        throw new DatabricksApiError(
          `${label}: outcome unknown (${describeNetworkError(error)}); read before writing again`,
          undefined,
          true,
        );
      }
      if (last) {
        const reason = describeNetworkError(error);
        throw new DatabricksApiError(
          `${label} failed after ${attempt} attempt(s): ${reason}`,
          undefined,
          true,
        );
      }
      await sleep(backoffDelay(attempt, options));
      continue;
    }
    if (last || !isRetryableStatus(response.status)) return response;
    if (options.onlyUnsentRetries && !NOT_PROCESSED_STATUSES.has(response.status)) return response;
    await discardBody(response);
    const asked = parseRetryAfter(response.headers.get('retry-after'), now());
    const delay = asked === undefined ? backoffDelay(attempt, options) : Math.min(asked, options.maxDelayMs);
    await sleep(delay);
  }
}

/** Frees the connection of a response whose body nobody will read. */
export async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Already consumed or closed: nothing to free.
  }
}

/** Answers that say the request was not carried out (unlike a 500 or a gateway's 502/504). */
const NOT_PROCESSED_STATUSES = new Set([429, 503]);

const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The request never left for the server: connecting failed, so repeating it cannot repeat a write. */
export function neverReachedServer(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code === 'string' && UNSENT_CODES.has(code)) return true;
    if (/\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/.test(cause.message)) return true;
  }
  return false;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return 'network error';
  if (error.name === 'TimeoutError') return 'request timed out';
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `network error: ${error.message}${cause}`;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
