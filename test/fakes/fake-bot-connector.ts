import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector service. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
  authorization?: string;
  at: number;
}

export interface FakeBotConnector {
  /** What goes into an activity's `serviceUrl`. */
  serviceUrl: string;
  calls: ConnectorCall[];
  waitForCall(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * A fake Bot Connector service: the endpoints a bot uses to send (POST) and update (PUT)
 * activities in a conversation. It records every call and answers with a new activity id.
 */
export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const waiters = new Set<() => void>();
  let nextId = 1;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = ACTIVITY_PATH.exec(url.pathname);
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
      return;
    }
    const call: ConnectorCall = {
      method: req.method,
      path: url.pathname,
      conversationId: decodeURIComponent(match[1]!),
      activityId: match[2] ? decodeURIComponent(match[2]) : undefined,
      body: await readJson(req),
      authorization: req.headers.authorization,
      at: Date.now(),
    };
    calls.push(call);
    waiters.forEach((wake) => wake());
    const id = call.activityId ?? `activity-${nextId++}`;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    waitForCall(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find(predicate);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching Bot Connector call within ${timeoutMs} ms; saw ${calls.map((c) => `${c.method} ${c.path}`).join(', ') || 'none'}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
