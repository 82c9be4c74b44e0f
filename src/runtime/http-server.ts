import { createServer, type RequestListener, type Server } from 'node:http';

export interface HttpServerLimits {
  /** A client must have sent all request headers within this time (slow-header clients). */
  headersTimeoutMs: number;
  /** A client must have sent the whole request within this time (slow-body clients). */
  requestTimeoutMs: number;
}

/**
 * The HTTP server with limits a slow or stalled client cannot get around: it is answered 408 and
 * disconnected once the headers or the request take too long, idle keep-alive sockets are closed,
 * and the timers are checked every second rather than Node's default 30.
 */
export function createHttpServer(handler: RequestListener, limits: HttpServerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
      maxHeaderSize: 16 * 1024,
    },
    handler,
  );
  server.maxHeadersCount = 100;
  server.maxRequestsPerSocket = 1_000;
  return server;
}
