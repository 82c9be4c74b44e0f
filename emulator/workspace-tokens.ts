/**
 * Workspace OAuth M2M as the emulator serves it: `POST /oidc/v1/token` with
 * `grant_type=client_credentials` and the client id/secret (HTTP Basic, or form fields) issues
 * a bearer token; every other endpoint accepts only tokens issued here (or configured static
 * tokens, like personal access tokens) that have not expired.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface TokenReply {
  status: number;
  body: unknown;
}

export type TokenVerdict = 'valid' | 'expired' | 'unknown';

export class WorkspaceTokenIssuer {
  private readonly tokens = new Map<string, number>();
  issuedCount = 0;

  constructor(
    private readonly options: {
      clientId: string;
      clientSecret: string;
      ttlSeconds: number;
      staticTokens: readonly string[];
    },
  ) {}

  answer(headers: IncomingHttpHeaders, rawBody: string): TokenReply {
    const form = new URLSearchParams(rawBody);
    const basic = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    const [id, secret] = basic
      ? splitOnce(Buffer.from(basic, 'base64').toString('utf8'))
      : [form.get('client_id') ?? '', form.get('client_secret') ?? ''];
    if (id !== this.options.clientId || secret !== this.options.clientSecret) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
      };
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported' },
      };
    }
    const token = `dapi-emulated-${randomBytes(24).toString('hex')}`;
    this.tokens.set(token, Date.now() + this.options.ttlSeconds * 1000);
    this.issuedCount += 1;
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: this.options.ttlSeconds,
        scope: form.get('scope') ?? 'all-apis',
      },
    };
  }

  check(authorization: string | undefined): TokenVerdict {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) return 'unknown';
    if (this.options.staticTokens.includes(token)) return 'valid';
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return 'unknown';
    return expiresAt > Date.now() ? 'valid' : 'expired';
  }

  /** Every token issued so far stops working, as if it had expired. */
  expireAll(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }
}

function splitOnce(text: string): [string, string] {
  const at = text.indexOf(':');
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
