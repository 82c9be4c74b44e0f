/** Work a front end acknowledged and is still doing, with a way to hand it to the workers. */
interface InFlightItem {
  label: string;
  /** Queues the work for a worker to finish, when this process cannot. */
  handOff?: () => Promise<void>;
}

/**
 * What the web role has promised and not yet delivered: every chat handler that acknowledged a
 * request runs inside `track`. A graceful stop waits for them (bounded), then hands the rest to
 * the queue, so an acknowledged command is answered later instead of dropped.
 */
export class InFlightWork {
  readonly #items = new Set<InFlightItem>();
  #emptied: (() => void) | undefined;

  get size(): number {
    return this.#items.size;
  }

  async track<T>(label: string, work: () => Promise<T>, handOff?: () => Promise<void>): Promise<T> {
    const item: InFlightItem = { label, ...(handOff ? { handOff } : {}) };
    this.#items.add(item);
    try {
      return await work();
    } finally {
      this.#items.delete(item);
      if (this.#items.size === 0) this.#emptied?.();
    }
  }

  /** Waits until nothing is in flight or `timeoutMs` passed; returns what is still running. */
  async drain(timeoutMs: number): Promise<InFlightItem[]> {
    if (this.#items.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        this.#emptied = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#emptied = undefined;
    }
    return [...this.#items];
  }
}
