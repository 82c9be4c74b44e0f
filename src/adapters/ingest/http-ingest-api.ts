/**
 * A remote collector's client of the bot's ingest API (`/ingest/v1/…`), authenticated with the
 * region's token from the connection string. 429, 5xx and network errors are retried with
 * backoff; anything else is reported with the bot's own error text. The token is never logged.
 */
import type { RemoteRunReport } from '../../collectors/collector-ingest.js';
import type { CollectedRow } from '../../collectors/collected-row.js';
import type { IngestApi } from '../../collectors/remote-sink.js';
import { DEFAULT_RETRY_OPTIONS, sendWithRetry, type RetryOptions } from '../databricks/retry-policy.js';

export interface HttpIngestApiOptions {
  /** The bot's public base URL. */
  apiUrl: string;
  /** Where batches go (the connection string's `ingestPath`, `/ingest/v1/batches`). */
  batchesPath: string;
  regionId: string;
  token: string;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
}

export class HttpIngestApi implements IngestApi {
  readonly #options: HttpIngestApiOptions;
  readonly #retry: RetryOptions;
  readonly #base: string;

  constructor(options: HttpIngestApiOptions) {
    this.#options = options;
    this.#retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.#base = options.apiUrl.replace(/\/+$/, '');
  }

  async checkpoints(): Promise<Record<string, string | null>> {
    const query = new URLSearchParams({ regionId: this.#options.regionId });
    const body = (await this.#call('GET', `/ingest/v1/checkpoints?${query}`)) as {
      checkpoints?: Record<string, string | null>;
    };
    return body.checkpoints ?? {};
  }

  async sendBatch(table: string, rows: CollectedRow[], checkpoint: string | null): Promise<void> {
    await this.#call('POST', this.#options.batchesPath, {
      regionId: this.#options.regionId,
      table,
      rows,
      checkpoint,
    });
  }

  async finishRun(report: RemoteRunReport): Promise<unknown> {
    return this.#call('POST', '/ingest/v1/runs', { regionId: this.#options.regionId, report });
  }

  async #call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const label = `${method} ${path.split('?')[0]}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const response = await sendWithRetry(
      label,
      () =>
        fetch(`${this.#base}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${this.#options.token}`,
            Accept: 'application/json',
            ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(payload === undefined ? {} : { body: payload }),
          signal: AbortSignal.timeout(this.#options.timeoutMs ?? 120_000),
        }),
      this.#retry,
    );
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const reason = (parsed as { error?: unknown } | undefined)?.error;
      throw new Error(
        `${label}: HTTP ${response.status}${typeof reason === 'string' ? ` ${reason.slice(0, 300)}` : ''}`,
      );
    }
    return parsed;
  }
}
