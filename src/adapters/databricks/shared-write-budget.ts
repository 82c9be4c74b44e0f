import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logging/logger.js';
import type { RequestPacer } from '../../ports/databricks-account.js';
import { PacedWriteQueue } from './paced-write-queue.js';

/** Spaces writes to one Databricks account; `holdFor` makes every writer wait (429 Retry-After). */
export type WritePacer = RequestPacer;

/**
 * A sliding-window log kept in Redis (a sorted set: one entry per write, scored by when it was
 * over; times from Redis' own clock). A write may start when fewer than ARGV[2] writes were still
 * in flight or over within the last ARGV[1] ms, and no hold is in force; it is then entered as in
 * flight (over at ARGV[4] at the latest, so a writer that died frees its place). Otherwise returns
 * how long to wait before asking again (at most 250 ms: a write in flight may be over sooner).
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local hold = tonumber(redis.call('GET', KEYS[2]) or '0')
if hold > now then return hold - now end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. tostring(now - window))
if redis.call('ZCARD', KEYS[1]) >= limit then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local wait = tonumber(first[2]) + window - now
  return math.max(5, math.min(wait, 250))
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], window + tonumber(ARGV[4]) + 60000)
return 0
`;

/** The write ARGV[1] is over now: its place frees a window from now. */
const DONE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
return 0
`;

/** Holds every writer until at least now + ARGV[1] (Databricks asked everyone to back off). */
const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > held then
  redis.call('SET', KEYS[1], tostring(untilMs), 'PX', math.floor(untilMs - now + 60000))
end
return 0
`;

/** Margin added to the window (clock granularity). */
const MARGIN_MS = 10;
/** The longest a write can be in flight (the SCIM client's request timeout, and then some). */
const IN_FLIGHT_MS = 45_000;

export interface SharedWriteBudgetOptions {
  redis: Redis;
  /** e.g. `<queue prefix>:scim-writes:<account id>`. */
  key: string;
  writesPerSecond: number;
  log: Logger;
}

/** `limit` writes in any `windowMs`: 2/s is 2 in 1,010 ms; 0.5/s is 1 in 2,010 ms. */
export function writeWindow(writesPerSecond: number): { limit: number; windowMs: number } {
  const limit = Math.max(1, Math.floor(writesPerSecond));
  return { limit, windowMs: Math.ceil((limit / writesPerSecond) * 1000) + MARGIN_MS };
}

/**
 * One SCIM write budget for the whole deployment, kept in Redis: any number of web and worker
 * replicas together send at most `writesPerSecond` writes in any second, as a server counting a
 * rolling second by arrival sees them, and a 429's Retry-After slows all of them at once. A write
 * counts from when it was asked for until a window after its answer came: it reached Databricks
 * before its answer, so no delay between asking and sending (a busy event loop, a slow network)
 * can make two writes arrive closer than the window. Apart from that the full rate is used. When
 * Redis cannot answer, the process falls back to pacing itself (writes keep flowing; the shared
 * limit returns with Redis).
 */
export class SharedWriteBudget implements WritePacer {
  readonly #window: { limit: number; windowMs: number };
  readonly #local: PacedWriteQueue;
  readonly #holdKey: string;

  constructor(private readonly options: SharedWriteBudgetOptions) {
    if (!(options.writesPerSecond > 0) || !Number.isFinite(options.writesPerSecond))
      throw new Error('SharedWriteBudget: writesPerSecond must be positive');
    this.#window = writeWindow(options.writesPerSecond);
    this.#holdKey = `${options.key}:hold`;
    this.#local = new PacedWriteQueue({
      minIntervalMs: Math.ceil((1000 / options.writesPerSecond) * 1.2) + 20,
    });
  }

  async paced<T>(request: () => Promise<T>): Promise<T> {
    const id = randomUUID();
    for (;;) {
      let waitMs: number;
      try {
        waitMs = Number(
          await this.options.redis.eval(
            TAKE,
            2,
            this.options.key,
            this.#holdKey,
            this.#window.windowMs,
            this.#window.limit,
            id,
            IN_FLIGHT_MS,
          ),
        );
      } catch (error) {
        this.options.log.warn(
          { err: error },
          'shared SCIM write budget unavailable; pacing this process alone',
        );
        return this.#local.paced(request);
      }
      if (waitMs <= 0) {
        try {
          return await request();
        } finally {
          await this.#done(id);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  async #done(id: string): Promise<void> {
    try {
      await this.options.redis.eval(DONE, 1, this.options.key, id);
    } catch (error) {
      // Its place frees itself when IN_FLIGHT_MS have passed.
      this.options.log.warn({ err: error }, 'could not record the end of a SCIM write in Redis');
    }
  }

  async holdFor(ms: number): Promise<void> {
    try {
      await this.options.redis.eval(HOLD, 1, this.#holdKey, Math.max(0, Math.round(ms)));
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not share a Retry-After through Redis');
    }
  }
}
