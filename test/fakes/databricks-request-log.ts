/**
 * What a fake server was asked, in the order it answered, with a way to wait for a request that
 * has not arrived yet (bounded, no sleeping).
 */
import { EventEmitter } from 'node:events';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON or form body (secrets removed), the raw text otherwise, undefined when empty. */
  body: unknown;
  /** Status the fake answered with. */
  status: number;
  /** Arrival time, epoch milliseconds from the fake's clock. */
  at: number;
}

export type RequestPredicate = (request: RecordedRequest) => boolean;

export class RequestLog {
  readonly entries: RecordedRequest[] = [];
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  record(entry: RecordedRequest): void {
    this.entries.push(entry);
    this.emitter.emit('request', entry);
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Resolves with the first recorded request matching `predicate`, already seen or future. */
  waitFor(predicate: RequestPredicate, timeoutMs = 5000): Promise<RecordedRequest> {
    return new Promise((resolve, reject) => {
      const check = (entry: RecordedRequest): boolean => {
        try {
          if (!predicate(entry)) return false;
        } catch (error) {
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
          return true;
        }
        finish();
        resolve(entry);
        return true;
      };
      const onRecord = (entry: RecordedRequest) => void check(entry);
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`waitFor: no matching request within ${timeoutMs} ms. ${this.summary()}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.emitter.off('request', onRecord);
      };
      this.emitter.on('request', onRecord);
      for (const entry of this.entries) if (check(entry)) return;
    });
  }

  private summary(): string {
    if (this.entries.length === 0) return 'No requests were received.';
    const recent = this.entries.slice(-10).map((entry) => {
      const query = new URLSearchParams(entry.query).toString();
      return `${entry.method} ${entry.path}${query ? `?${query}` : ''} -> ${entry.status}`;
    });
    const skipped = this.entries.length - recent.length;
    return `Received ${this.entries.length}${skipped > 0 ? ` (last ${recent.length} shown)` : ''}: ${recent.join('; ')}`;
  }
}

/** A request body as recorded: JSON or form parsed, `client_secret` redacted, raw text otherwise. */
export function recordableBody(contentType: string | undefined, rawBody: string): unknown {
  if (rawBody === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(rawBody));
    if ('client_secret' in form) form.client_secret = '[redacted]';
    return form;
  }
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}
