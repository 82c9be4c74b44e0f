import { reconcileMemberships } from '../src/access/reconcile-memberships.js';
import { sweepAccess } from '../src/access/sweep-access.js';
import type { AccessDeps } from '../src/access/access-deps.js';
import { LeaderLock } from '../src/db/leader-lock.js';
import type { Logger } from '../src/logging/logger.js';

export interface AccessSweeperLoopOptions {
  deps: AccessDeps;
  databaseUrl: string;
  log: Logger;
  /** Longest pause between sweeps; the loop wakes earlier when a grant ends sooner. */
  intervalMs: number;
  /** How often the leader reconciles memberships with Databricks (0: never). */
  reconcileIntervalMs: number;
}

const MIN_PAUSE_MS = 1_000;

/**
 * The access sweeper inside every worker process, independent of Redis: one worker at a time
 * (a Postgres advisory lock) sweeps at least every `intervalMs` and right when the next grant
 * ends, and reconciles memberships at start and every `reconcileIntervalMs`. If the leader dies
 * another worker takes over at its next tick.
 */
export class AccessSweeperLoop {
  readonly #lock: LeaderLock;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #lastReconcile = 0;

  constructor(private readonly options: AccessSweeperLoopOptions) {
    this.#lock = new LeaderLock(options.databaseUrl, 'databricks-chatops:access-sweeper', options.log);
  }

  start(): void {
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    await this.#lock.release();
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.#tick().then((next) => this.#schedule(next));
    }, ms);
    this.#timer.unref();
  }

  /** One sweep when leading; returns how long to pause before the next. */
  async #tick(): Promise<number> {
    const { deps, log, intervalMs, reconcileIntervalMs } = this.options;
    try {
      if (!(await this.#lock.tryLead())) return intervalMs;
      const swept = await sweepAccess(deps);
      if (Object.values(swept).some((count) => count > 0)) log.info(swept, 'access sweep');
      if (reconcileIntervalMs > 0 && Date.now() - this.#lastReconcile >= reconcileIntervalMs) {
        this.#lastReconcile = Date.now();
        await reconcileMemberships(deps);
      }
      return await this.#untilNextEnd(intervalMs);
    } catch (error) {
      log.warn({ err: error }, 'access sweep failed; retrying soon');
      return Math.min(intervalMs, 2_000);
    }
  }

  async #untilNextEnd(intervalMs: number): Promise<number> {
    const { deps } = this.options;
    const next = await deps.db
      .selectFrom('access_requests')
      .select((eb) => eb.fn.min('ends_at').as('ends_at'))
      .where('state', '=', 'active')
      // Overdue grants (a removal Databricks refused) are retried at the regular pace.
      .where('ends_at', '>', deps.clock.now())
      .executeTakeFirst();
    if (!next?.ends_at) return intervalMs;
    const ms = new Date(next.ends_at).getTime() - deps.clock.now().getTime();
    return Math.max(MIN_PAUSE_MS, Math.min(intervalMs, ms));
  }
}
