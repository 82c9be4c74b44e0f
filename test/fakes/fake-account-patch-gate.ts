/**
 * What stands before a group PATCH on the fake Databricks account: injected failures, the
 * per-account rate limit (429 + Retry-After: 1 past `patchesPerSecond` in a rolling second) and
 * the count of PATCHes in flight, so tests can assert a client serialized its writes.
 */
import { databricksError, type WireReply } from './scim-wire.js';

export interface InjectedFailure {
  status: number;
  /** Seconds, sent as the Retry-After header. */
  retryAfter?: number;
}

export interface AccountPatchGateOptions {
  accountId: string;
  patchesPerSecond?: number;
  now: () => number;
}

const INJECTED_ERROR_CODES: Readonly<Record<number, string>> = {
  429: 'REQUEST_LIMIT_EXCEEDED',
  500: 'INTERNAL_ERROR',
  503: 'TEMPORARILY_UNAVAILABLE',
};

export class AccountPatchGate {
  private readonly admittedTimes: number[] = [];
  private readonly pendingFailures: InjectedFailure[] = [];
  private everyFailure: InjectedFailure | undefined;
  private inFlight = 0;
  private peak = 0;

  constructor(private readonly options: AccountPatchGateOptions) {
    const { patchesPerSecond } = options;
    if (patchesPerSecond !== undefined && !(patchesPerSecond > 0)) {
      throw new Error('patchesPerSecond must be a positive number');
    }
  }

  get peakConcurrency(): number {
    return this.peak;
  }

  /** A PATCH arrived; pair with leave() once it is answered. */
  enter(): void {
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
  }

  leave(): void {
    this.inFlight -= 1;
  }

  failNext(count: number, failure: InjectedFailure): void {
    for (let i = 0; i < count; i++) this.pendingFailures.push({ ...failure });
  }

  failAll(failure: InjectedFailure): void {
    this.everyFailure = { ...failure };
  }

  stopFailing(): void {
    this.pendingFailures.length = 0;
    this.everyFailure = undefined;
  }

  /** The answer refusing this PATCH, or undefined when it may go ahead (it then counts against
   * the rate). Injected failures come first and do not count; 429s from the limit do not count. */
  refusal(): WireReply | undefined {
    const injected = this.pendingFailures.shift() ?? this.everyFailure;
    if (injected) return injectedFailureReply(injected);
    if (this.admit()) return undefined;
    const message = `Too many PATCH requests for account ${this.options.accountId}; retry later.`;
    return {
      status: 429,
      headers: { 'Retry-After': '1' },
      body: databricksError('REQUEST_LIMIT_EXCEEDED', message),
    };
  }

  /** Forgets the rate window, failures and the concurrency peak (PATCHes in flight stay counted). */
  reset(): void {
    this.admittedTimes.length = 0;
    this.stopFailing();
    this.peak = this.inFlight;
  }

  private admit(): boolean {
    const limit = this.options.patchesPerSecond;
    if (limit === undefined) return true;
    const now = this.options.now();
    while ((this.admittedTimes[0] ?? Infinity) <= now - 1000) this.admittedTimes.shift();
    if (this.admittedTimes.length >= limit) return false;
    this.admittedTimes.push(now);
    return true;
  }
}

function injectedFailureReply(failure: InjectedFailure): WireReply {
  const errorCode = INJECTED_ERROR_CODES[failure.status] ?? `HTTP_${failure.status}`;
  return {
    status: failure.status,
    body: databricksError(errorCode, `Injected failure (HTTP ${failure.status}).`),
    ...(failure.retryAfter === undefined ? {} : { headers: { 'Retry-After': String(failure.retryAfter) } }),
  };
}
