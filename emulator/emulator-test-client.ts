/**
 * Test-side clients of the emulator: a small HTTPS JSON client that trusts the emulator's
 * certificate, the workspace OAuth M2M token call, and a real `@databricks/sql` DBSQLClient
 * connected with a token provider (as the bot's collectors will connect).
 */
import { request } from 'node:https';
import { auth, DBSQLClient } from '@databricks/sql';
import type { DatabricksEmulator } from './databricks-emulator.js';

export interface HttpsReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export function httpsCall(
  emulator: DatabricksEmulator,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<HttpsReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: emulator.host,
        port: emulator.port,
        method,
        path,
        ca: emulator.caCert,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function requestToken(
  emulator: DatabricksEmulator,
  clientId: string,
  clientSecret: string,
): Promise<HttpsReply> {
  return httpsCall(emulator, 'POST', '/oidc/v1/token', {
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=all-apis',
  });
}

export interface DriverConnection {
  client: DBSQLClient;
  session: Awaited<ReturnType<DBSQLClient['openSession']>>;
  close(): Promise<void>;
}

/** A DBSQLClient session on the emulator, authenticated through OAuth M2M via a token provider. */
export async function connectDriver(
  emulator: DatabricksEmulator,
  credentials: { clientId: string; clientSecret: string },
  options: { warehouseId?: string; retryDelayMin?: number; retryMaxAttempts?: number } = {},
): Promise<DriverConnection> {
  const client = new DBSQLClient({ logger: silentLogger });
  await client.connect({
    host: emulator.host,
    port: emulator.port,
    path: emulator.warehousePath(options.warehouseId),
    customCaCert: emulator.caCert,
    telemetryEnabled: false,
    retryDelayMin: options.retryDelayMin ?? 10,
    retryDelayMax: 200,
    retryMaxAttempts: options.retryMaxAttempts ?? 5,
    authType: 'token-provider',
    tokenProvider: {
      getName: () => 'emulator-oauth-m2m',
      getToken: async () => {
        const reply = await requestToken(emulator, credentials.clientId, credentials.clientSecret);
        const body = reply.body as { access_token?: string; expires_in?: number };
        if (reply.status !== 200 || !body.access_token)
          throw new Error(`token request failed: ${reply.status}`);
        return new auth.Token(body.access_token, {
          expiresAt: new Date(Date.now() + (body.expires_in ?? 0) * 1000),
        });
      },
    },
  });
  const session = await client.openSession();
  return {
    client,
    session,
    close: async () => {
      await session.close().catch(() => undefined);
      await client.close();
    },
  };
}

const silentLogger = { log: () => undefined };
