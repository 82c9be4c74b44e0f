/**
 * Failures the emulator can be told to produce, switchable at runtime: an HTTP status (401, 429
 * with Retry-After, 5xx…) on the token endpoint, the REST API or the SQL warehouse endpoint
 * (optionally only for one TCLIService method), slow statements that stay RUNNING for some polls
 * or milliseconds, tables the caller may not SELECT from, and write calls it may not make.
 */

export type FaultTarget = 'token' | 'rest' | 'sql';

export interface HttpFault {
  status: number;
  /** Sent as the `Retry-After` header (seconds). */
  retryAfterSeconds?: number;
  /** How many matching requests fail; default: all until cleared. */
  times?: number;
  /** Only requests whose path contains this text (REST) … */
  path?: string;
  /** … or only this TCLIService method (SQL), e.g. `GetOperationStatus`. */
  thriftMethod?: string;
}

export interface SlowStatementFault {
  /** Answer RUNNING to this many GetOperationStatus polls. */
  polls?: number;
  /** Answer RUNNING until this much time has passed since ExecuteStatement. */
  ms?: number;
  /** Only statements whose text contains this (or matches the expression). */
  matching?: string | RegExp;
  /** How many statements are slowed; default: all until cleared. */
  times?: number;
}

interface Armed<T> {
  fault: T;
  remaining: number;
}

export class EmulatorFaults {
  private readonly http: Armed<HttpFault & { target: FaultTarget }>[] = [];
  private readonly slow: Armed<SlowStatementFault>[] = [];
  private readonly denied = new Set<string>();
  /** Write calls answered 403 PERMISSION_DENIED, by path fragment (e.g. `clusters/delete`). */
  readonly deniedWrites = new Set<string>();

  /** Makes matching requests to `target` answer with `fault.status`. */
  failRequests(target: FaultTarget, fault: HttpFault): void {
    this.http.push({ fault: { ...fault, target }, remaining: fault.times ?? Infinity });
  }

  slowStatements(fault: SlowStatementFault): void {
    this.slow.push({ fault, remaining: fault.times ?? Infinity });
  }

  /** Statements reading `table` (three-part name) fail with [INSUFFICIENT_PERMISSIONS]. */
  denySelect(table: string): void {
    this.denied.add(table.toLowerCase());
  }

  /** Write calls whose path contains `pathFragment` fail with 403 PERMISSION_DENIED. */
  denyWrites(pathFragment: string): void {
    this.deniedWrites.add(pathFragment);
  }

  allowSelect(table: string): void {
    this.denied.delete(table.toLowerCase());
  }

  clear(): void {
    this.http.length = 0;
    this.slow.length = 0;
    this.denied.clear();
    this.deniedWrites.clear();
  }

  /** The fault a request should get (consuming one use), if any. */
  takeHttpFault(
    target: FaultTarget,
    request: { path: string; thriftMethod?: string },
  ): HttpFault | undefined {
    const armed = this.http.find(
      ({ fault, remaining }) =>
        remaining > 0 &&
        fault.target === target &&
        (fault.path === undefined || request.path.includes(fault.path)) &&
        (fault.thriftMethod === undefined || fault.thriftMethod === request.thriftMethod),
    );
    if (!armed) return undefined;
    armed.remaining -= 1;
    return armed.fault;
  }

  takeSlowness(sql: string): { polls: number; untilMs: number } | undefined {
    const armed = this.slow.find(({ fault, remaining }) => remaining > 0 && matches(fault.matching, sql));
    if (!armed) return undefined;
    armed.remaining -= 1;
    return { polls: armed.fault.polls ?? 0, untilMs: Date.now() + (armed.fault.ms ?? 0) };
  }

  deniedTable(tables: readonly string[]): string | undefined {
    return tables.find((table) => this.denied.has(table.toLowerCase()));
  }
}

function matches(pattern: string | RegExp | undefined, sql: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? sql.includes(pattern) : pattern.test(sql);
}
