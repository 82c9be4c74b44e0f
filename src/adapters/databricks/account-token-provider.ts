/**
 * OAuth M2M (client credentials) access tokens for the Databricks account API:
 * `POST {accountsHost}/oidc/accounts/{accountId}/v1/token` (see oauth-token-provider.ts for the
 * caching and single-flight behaviour it shares with workspace tokens).
 */
import { ClientCredentialsTokenProvider } from './oauth-token-provider.js';
import type { RetryOptions } from './retry-policy.js';

export type { AccessTokenSource } from './oauth-token-provider.js';

export interface AccountTokenProviderOptions {
  /** e.g. `https://accounts.cloud.databricks.com`, or a local fake in tests. */
  accountsHost: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Epoch milliseconds; default Date.now. */
  now?: () => number;
  retry?: Partial<RetryOptions>;
  requestTimeoutMs?: number;
}

export class AccountTokenProvider extends ClientCredentialsTokenProvider {
  constructor(options: AccountTokenProviderOptions) {
    const host = options.accountsHost.replace(/\/+$/, '');
    super({
      tokenUrl: `${host}/oidc/accounts/${encodeURIComponent(options.accountId)}/v1/token`,
      audience: 'account',
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      now: options.now,
      retry: options.retry,
      requestTimeoutMs: options.requestTimeoutMs,
    });
  }
}
