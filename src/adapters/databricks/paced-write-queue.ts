/**
 * Runs write tasks one at a time, in call order, and spaces the requests they send: each paced
 * request starts at least `minIntervalMs` after the previous one finished. Spacing from the end
 * (not the start) keeps a server's rolling one-second window satisfied whatever the latency.
 */
export interface PacedWriteQueueOptions {
  minIntervalMs: number;
  /** Epoch milliseconds; default Date.now. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class PacedWriteQueue {
  readonly #minIntervalMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #tail: Promise<unknown> = Promise.resolve();
  #lastFinishedAt = Number.NEGATIVE_INFINITY;

  constructor(options: PacedWriteQueueOptions) {
    this.#minIntervalMs = options.minIntervalMs;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Runs `task` once every task queued before it has settled (fulfilled or rejected). */
  serialize<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Sends one request once the interval since the previous one has passed. Call it from inside a
   * serialized task (never concurrently): it spaces requests, it does not queue them.
   */
  async paced<T>(request: () => Promise<T>): Promise<T> {
    for (;;) {
      const wait = this.#lastFinishedAt + this.#minIntervalMs - this.#now();
      if (wait <= 0) break;
      await this.#sleep(wait);
    }
    try {
      return await request();
    } finally {
      this.#lastFinishedAt = this.#now();
    }
  }
}
