import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type NextFunction, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ReadinessReport } from './readiness.js';

/** Liveness: the process answers. */
export const HEALTH_PATH = '/healthz';
/** Readiness: Postgres, Redis and migrations are fine (names what is failing otherwise). */
export const READY_PATH = '/readyz';

export interface HttpAppOptions {
  log: Logger;
  metrics: Metrics;
  readiness: () => Promise<ReadinessReport>;
  /** Front-end routers (Slack, Teams), each owning its own paths and body parsing. */
  routers: Router[];
}

/** The one HTTP front end: health, readiness, metrics, and the chat platforms' endpoints. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(
    pinoHttp({
      logger: options.log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === HEALTH_PATH || req.url === '/metrics' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(recordDuration(options.metrics));

  app.get(HEALTH_PATH, (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get(READY_PATH, async (_req, res) => {
    const report = await options.readiness();
    const failing = Object.entries(report.checks)
      .filter(([, check]) => !check.ok)
      .map(([name, check]) => `${name}: ${check.detail ?? 'failing'}`);
    res
      .status(report.ready ? 200 : 503)
      .json({ status: report.ready ? 'ready' : 'not ready', failing, checks: report.checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', options.metrics.registry.contentType);
    res.send(await options.metrics.registry.metrics());
  });
  for (const router of options.routers) app.use(router);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    req.log.error({ err: error }, 'unhandled error in HTTP request');
    if (!res.headersSent) res.status(500).json({ error: 'internal error', requestId: req.id });
  });
  return app;
}

function recordDuration(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      metrics.httpRequestDuration.observe(
        { method: req.method, route, status: String(res.statusCode) },
        (performance.now() - started) / 1000,
      );
    });
    next();
  };
}
