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

/** The HTTP server could not listen (most often: the port is taken). The message names the port. */
export class ListenError extends Error {
  constructor(
    readonly port: number,
    cause: NodeJS.ErrnoException,
  ) {
    const why =
      cause.code === 'EADDRINUSE'
        ? 'it is already in use (is another bot or sandbox running?)'
        : cause.code === 'EACCES'
          ? 'permission denied'
          : cause.message;
    super(`Cannot listen on port ${port}: ${why}. Stop the other process or set PORT to a free port.`, {
      cause,
    });
    this.name = 'ListenError';
  }
}

/**
 * Listens on `port` and resolves once listening; a listen error (port busy) rejects with a
 * ListenError. Later server errors are not swallowed: with no listener left they reach the process.
 */
export function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(new ListenError(port, error));
    server.once('error', onError);
    server.listen(port, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}
