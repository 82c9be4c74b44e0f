/**
 * A fake of Bot Framework's signing-key service: the OpenID configuration and JWKS that the
 * adapter reads (TEAMS_OPENID_METADATA_URL) to check the bearer token on each incoming activity,
 * and a signer that issues tokens as the Bot Connector does (RS256, issuer
 * https://api.botframework.com, audience the bot's app id, `serviceUrl` claim, key endorsed for
 * the channel).
 */
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface FakeBotFrameworkKeys {
  /** The OpenID configuration URL to give the bot. */
  metadataUrl: string;
  /** `Bearer <token>` for an activity to `appId` carrying `serviceUrl`. */
  authorization(options: { appId: string; serviceUrl: string; expiresInSeconds?: number }): string;
  close(): Promise<void>;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export async function startFakeBotFrameworkKeys(): Promise<FakeBotFrameworkKeys> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `fake-${randomUUID()}`;
  const jwk = publicKey.export({ format: 'jwk' });
  let url = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${url}/v1/keys` }));
    } else if (req.url === '/v1/keys') {
      res.end(
        JSON.stringify({
          keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    metadataUrl: `${url}/v1/.well-known/openidconfiguration`,
    authorization({ appId, serviceUrl, expiresInSeconds = 3600 }) {
      const now = Math.floor(Date.now() / 1000);
      const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
      const payload = base64url(
        JSON.stringify({
          iss: BOT_FRAMEWORK_ISSUER,
          aud: appId,
          serviceurl: serviceUrl,
          nbf: now - 60,
          iat: now - 60,
          exp: now + expiresInSeconds,
        }),
      );
      const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
      return `Bearer ${header}.${payload}.${base64url(signature)}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
