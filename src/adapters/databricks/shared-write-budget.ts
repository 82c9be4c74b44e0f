import type { Redis } from 'ioredis';
import type { Logger } from '../../logging/logger.js';
import type { RequestPacer } from '../../ports/databricks-account.js';
import { PacedWriteQueue } from './paced-write-queue.js';

/** Spaces writes to one Databricks account; `holdFor` makes every writer wait (429 Retry-After). */
export type WritePacer = RequestPacer;

/**
 * Reserves the next write slot (ms since epoch, Redis' own clock): a slot is never earlier than
 * now nor than the previous reservation plus the interval, so every process of a deployment,
 * however many, shares one pace. Returns how long the caller waits for its slot.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextSlot)
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.floor(slot + interval - now + 60000))
return slot - now
`;

/** Pushes the next slot to at least now + ARGV[1] (Databricks asked everyone to back off). */
const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > nextSlot then
  redis.call('SET', KEYS[1], tostring(untilMs), 'PX', math.floor(untilMs - now + 60000))
end
return 0
`;

/** How late after its slot a write may still start. */
const LATE_MS = 100;

export interface SharedWriteBudgetOptions {
  redis: Redis;
  /** e.g. `<queue prefix>:scim-writes:<account id>`. */
  key: string;
  writesPerSecond: number;
  log: Logger;
}

/**
 * One SCIM write budget for the whole deployment, kept in Redis: any number of web and worker
 * replicas together start at most `writesPerSecond` writes a second, and a 429's Retry-After
 * slows all of them at once. When Redis cannot answer, the process falls back to pacing itself
 * (writes keep flowing; the shared limit returns with Redis).
 */
export class SharedWriteBudget implements WritePacer {
  readonly #intervalMs: number;
  readonly #local: PacedWriteQueue;

  constructor(private readonly options: SharedWriteBudgetOptions) {
    if (!(options.writesPerSecond > 0))
      throw new Error('SharedWriteBudget: writesPerSecond must be positive');
    // Slack, so a server counting a rolling second never sees one write too many even when a
    // busy process or network delays a write a little.
    this.#intervalMs = Math.ceil((1000 / options.writesPerSecond) * 1.2) + 20;
    this.#local = new PacedWriteQueue({ minIntervalMs: this.#intervalMs });
  }

  async paced<T>(request: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      let waitMs: number;
      try {
        waitMs = Number(await this.options.redis.eval(RESERVE, 1, this.options.key, this.#intervalMs));
      } catch (error) {
        this.options.log.warn(
          { err: error },
          'shared SCIM write budget unavailable; pacing this process alone',
        );
        return this.#local.paced(request);
      }
      const slotAt = Date.now() + waitMs;
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      // A busy event loop woke us well after our slot, close to the next writer's: take a new one.
      if (Date.now() - slotAt <= LATE_MS || tries >= 3) return request();
    }
  }

  async holdFor(ms: number): Promise<void> {
    try {
      await this.options.redis.eval(HOLD, 1, this.options.key, Math.max(0, Math.round(ms)));
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not share a Retry-After through Redis');
    }
  }
}
