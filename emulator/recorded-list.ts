/**
 * Things a fake received, in order, with a bounded wait for one that has not arrived yet: an
 * event emitter, no polling.
 */
import { EventEmitter } from 'node:events';

export class RecordedList<T> {
  readonly entries: T[] = [];
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  record(entry: T): void {
    this.entries.push(entry);
    this.emitter.emit('entry', entry);
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Rejects every pending wait (the fake is shutting down). */
  close(reason: string): void {
    this.emitter.emit('close', new Error(reason));
  }

  /**
   * Resolves with the first entry matching, already recorded or future. After `timeoutMs` it
   * rejects with `describeTimeout()`, which should say what did arrive.
   */
  waitFor(matches: (entry: T) => boolean, timeoutMs: number, describeTimeout: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        this.emitter.off('entry', onEntry);
        this.emitter.off('close', onClose);
        outcome();
      };
      const check = (entry: T): boolean => {
        try {
          if (!matches(entry)) return false;
        } catch (error) {
          finish(() => reject(error instanceof Error ? error : new Error(String(error))));
          return true;
        }
        finish(() => resolve(entry));
        return true;
      };
      const onEntry = (entry: T): void => void check(entry);
      const onClose = (error: Error): void => finish(() => reject(error));
      const timer = setTimeout(() => finish(() => reject(new Error(describeTimeout()))), timeoutMs);
      this.emitter.on('entry', onEntry);
      this.emitter.on('close', onClose);
      for (const entry of this.entries) if (check(entry)) return;
    });
  }

  /** "Received 3: a; b; c" (the last `limit` entries), or "Nothing was received." */
  summary(describe: (entry: T) => string, limit = 20): string {
    if (this.entries.length === 0) return 'Nothing was received.';
    const shown = this.entries.slice(-limit).map(describe);
    const note = this.entries.length > shown.length ? ` (last ${shown.length} shown)` : '';
    return `Received ${this.entries.length}${note}: ${shown.join('; ')}`;
  }
}

export function truncate(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
