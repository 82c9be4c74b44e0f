/**
 * The OAuth M2M token endpoint of a fake Databricks account:
 * `POST /oidc/accounts/{account_id}/v1/token`, form `grant_type=client_credentials&scope=all-apis`,
 * client authentication by HTTP Basic `client_id:client_secret` (client_secret_post also accepted).
 * Errors use the RFC 6749 §5.2 body `{error, error_description}`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface AccountTokenIssuerOptions {
  accountId: string;
  clientId: string;
  clientSecret: string;
  ttlSeconds: number;
  now: () => number;
}

export interface TokenRequestFailure {
  status: number;
}

export interface TokenEndpointAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type TokenVerdict = 'valid' | 'expired' | 'unknown';

export class AccountTokenIssuer {
  private readonly expiries = new Map<string, number>();
  private readonly pendingFailures: TokenRequestFailure[] = [];
  private issued = 0;

  constructor(private readonly options: AccountTokenIssuerOptions) {}

  get issuedCount(): number {
    return this.issued;
  }

  failNext(failure: TokenRequestFailure): void {
    this.pendingFailures.push(failure);
  }

  stopFailing(): void {
    this.pendingFailures.length = 0;
  }

  resetCount(): void {
    this.issued = 0;
  }

  expireAll(): void {
    for (const token of this.expiries.keys()) this.expiries.set(token, Number.NEGATIVE_INFINITY);
  }

  check(token: string | undefined): TokenVerdict {
    const expiresAt = token === undefined ? undefined : this.expiries.get(token);
    if (expiresAt === undefined) return 'unknown';
    return expiresAt > this.options.now() ? 'valid' : 'expired';
  }

  answer(
    method: string,
    accountId: string,
    headers: IncomingHttpHeaders,
    rawBody: string,
  ): TokenEndpointAnswer {
    if (method !== 'POST') return oauthError(405, 'invalid_request', 'The token endpoint only accepts POST.');
    const failure = this.pendingFailures.shift();
    if (failure) {
      const code = failure.status >= 500 ? 'server_error' : 'temporarily_unavailable';
      const answer = oauthError(failure.status, code, `Injected failure (HTTP ${failure.status}).`);
      return failure.status === 429 ? { ...answer, headers: { 'Retry-After': '1' } } : answer;
    }
    const form = new URLSearchParams(rawBody);
    const client = basicCredentials(headers.authorization) ?? {
      id: form.get('client_id') ?? '',
      secret: form.get('client_secret') ?? '',
    };
    const { options } = this;
    const known =
      sameCredential(client.id, options.clientId) && sameCredential(client.secret, options.clientSecret);
    if (accountId !== options.accountId || !known) {
      return {
        ...oauthError(401, 'invalid_client', 'Client authentication failed.'),
        headers: { 'WWW-Authenticate': 'Basic realm="oidc"' },
      };
    }
    const grantType = form.get('grant_type');
    if (grantType === null) return oauthError(400, 'invalid_request', 'grant_type is required.');
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', `Grant type ${grantType} is not supported here.`);
    }
    const scope = form.get('scope') ?? 'all-apis';
    if (!scope.split(/\s+/).includes('all-apis')) {
      return oauthError(400, 'invalid_scope', `Scope '${scope}' is not granted; request all-apis.`);
    }
    const accessToken = `dbx-fake-${randomBytes(24).toString('base64url')}`;
    this.expiries.set(accessToken, options.now() + options.ttlSeconds * 1000);
    this.issued += 1;
    return {
      status: 200,
      body: {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: options.ttlSeconds,
        scope: 'all-apis',
      },
    };
  }
}

function oauthError(status: number, error: string, description: string): TokenEndpointAnswer {
  return { status, body: { error, error_description: description } };
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** RFC 6749 §2.3.1 form-urlencodes id and secret before base64, but curl --user does not:
 * accept either spelling. */
function sameCredential(sent: string, expected: string): boolean {
  if (sent === expected) return true;
  try {
    return decodeURIComponent(sent.replace(/\+/g, ' ')) === expected;
  } catch {
    return false;
  }
}
