/**
 * OAuth M2M (client credentials) access tokens for Databricks: the account endpoint
 * (`{accountsHost}/oidc/accounts/{accountId}/v1/token`) or a workspace's (`{workspace}/oidc/v1/token`),
 * form `grant_type=client_credentials&scope=all-apis`, client authenticated by HTTP Basic.
 * Tokens are cached until shortly before they expire; concurrent callers share one request.
 */
import { DatabricksApiError } from '../../ports/databricks-account.js';
import {
  DEFAULT_RETRY_OPTIONS,
  isRetryableStatus,
  sendWithRetry,
  type RetryOptions,
} from './retry-policy.js';

/** What an API client needs from a bearer token source. */
export interface AccessTokenSource {
  getToken(): Promise<string>;
  /** Forgets `rejectedToken` (the API answered 401), so the next getToken fetches a new one. */
  invalidate(rejectedToken?: string): void;
}

/** A token and when it stops working (epoch milliseconds), for clients that cache it themselves. */
export interface ExpiringToken {
  value: string;
  expiresAt: number;
}

/** `fetch`, or a stand-in with the same contract (e.g. one that trusts an extra CA). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ClientCredentialsOptions {
  /** The full token endpoint URL. */
  tokenUrl: string;
  /** `account` or `workspace`: named in errors. */
  audience: string;
  clientId: string;
  clientSecret: string;
  /** Epoch milliseconds; default Date.now. */
  now?: () => number;
  retry?: Partial<RetryOptions>;
  requestTimeoutMs?: number;
  fetch?: FetchLike;
}

interface CachedToken extends ExpiringToken {
  refreshAt: number;
}

/** Databricks documents one-hour tokens; used when a response leaves out `expires_in`. */
const DEFAULT_LIFETIME_SECONDS = 3600;
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;
const REFRESH_MARGIN_SHARE = 0.1;

export class ClientCredentialsTokenProvider implements AccessTokenSource {
  // True private fields: a logged or serialized provider shows neither secret nor token.
  readonly #authorization: string;
  readonly #tokenUrl: string;
  readonly #label: string;
  readonly #audience: string;
  readonly #now: () => number;
  readonly #retry: RetryOptions;
  readonly #timeoutMs: number;
  readonly #fetch: FetchLike;
  #cached: CachedToken | undefined;
  #inFlight: Promise<CachedToken> | undefined;

  constructor(options: ClientCredentialsOptions) {
    this.#tokenUrl = options.tokenUrl;
    this.#label = `POST ${new URL(options.tokenUrl).pathname}`;
    this.#audience = options.audience;
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64 (as Go's oauth2 does).
    const credentials = `${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`;
    this.#authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    this.#now = options.now ?? Date.now;
    this.#retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  /** A valid access token: the cached one, or a fresh one when it is close to expiry. */
  async getToken(): Promise<string> {
    return (await this.getExpiringToken()).value;
  }

  /** Like getToken, with the token's expiry (for a client such as the SQL driver that caches too). */
  async getExpiringToken(): Promise<ExpiringToken> {
    const cached = this.#cached;
    if (cached && this.#now() < cached.refreshAt) return { value: cached.value, expiresAt: cached.expiresAt };
    this.#inFlight ??= this.#fetchToken().finally(() => {
      this.#inFlight = undefined;
    });
    const fresh = await this.#inFlight;
    return { value: fresh.value, expiresAt: fresh.expiresAt };
  }

  invalidate(rejectedToken?: string): void {
    if (rejectedToken === undefined || this.#cached?.value === rejectedToken) this.#cached = undefined;
  }

  async #fetchToken(): Promise<CachedToken> {
    const requestedAt = this.#now();
    const response = await sendWithRetry(
      this.#label,
      () =>
        this.#fetch(this.#tokenUrl, {
          method: 'POST',
          headers: {
            Authorization: this.#authorization,
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
          },
          body: 'grant_type=client_credentials&scope=all-apis',
          signal: AbortSignal.timeout(this.#timeoutMs),
        }),
      this.#retry,
    );
    const body = await readJson(response);
    if (!response.ok) {
      throw new DatabricksApiError(
        `Databricks ${this.#audience} token request failed: HTTP ${response.status}${describeOAuthError(body)}`,
        response.status,
        isRetryableStatus(response.status),
      );
    }
    const token = parseTokenResponse(body);
    if (!token) {
      throw new DatabricksApiError(
        `Databricks ${this.#audience} token response has no access_token (HTTP ${response.status})`,
        response.status,
        false,
      );
    }
    const lifetimeMs = token.expiresInSeconds * 1000;
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs * REFRESH_MARGIN_SHARE);
    const cached = {
      value: token.accessToken,
      expiresAt: requestedAt + lifetimeMs,
      refreshAt: requestedAt + lifetimeMs - margin,
    };
    this.#cached = cached;
    return cached;
  }
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseTokenResponse(body: unknown): { accessToken: string; expiresInSeconds: number } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { access_token: accessToken, expires_in: expiresIn } = body as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  const seconds = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
  const expiresInSeconds =
    typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
      ? seconds
      : DEFAULT_LIFETIME_SECONDS;
  return { accessToken, expiresInSeconds };
}

/** ` invalid_client: Client authentication failed.` from an RFC 6749 §5.2 body, else ''. */
function describeOAuthError(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { error, error_description: description } = body as Record<string, unknown>;
  const parts = [error, description].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return parts.length === 0 ? '' : ` ${parts.join(': ').slice(0, 300)}`;
}
