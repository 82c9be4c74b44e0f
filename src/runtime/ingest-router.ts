import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { ConnectorDeps } from '../connectors/connector-deps.js';
import {
  INGEST_BATCHES_PATH,
  INGEST_CHECKPOINTS_PATH,
  INGEST_RUNS_PATH,
  acceptIngestBatch,
  collectorCheckpoints,
  finishRemoteRun,
  type IngestResult,
} from '../connectors/ingest-batch.js';
import { DomainError } from '../errors/domain-errors.js';

const STATUS: Record<IngestResult['outcome'], number> = {
  accepted: 200,
  invalid: 400,
  unauthorized: 401,
  unavailable: 503,
};

/** A remote collector's bearer token, or undefined. Never logged. */
function bearerOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function answer(work: (req: Request) => Promise<IngestResult>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const result = await work(req);
      res.status(STATUS[result.outcome]);
      if (result.outcome === 'unauthorized') res.setHeader('WWW-Authenticate', 'Bearer');
      res.json(result.outcome === 'accepted' ? result.body : { error: result.message });
    } catch (error) {
      if (error instanceof DomainError) {
        res.status(400).json({ error: error.userMessage });
        return;
      }
      next(error);
    }
  };
}

/**
 * Remote collectors' endpoints under /ingest/v1 (see src/connectors/ingest-batch.ts). Mounted
 * whatever the chat configuration; without an IngestBatches implementation they answer 503.
 */
export function createIngestRouter(deps: ConnectorDeps): Router {
  const router = Router();
  const json = express.json({ limit: '32mb' });
  router.post(
    INGEST_BATCHES_PATH,
    json,
    answer((req) => acceptIngestBatch(deps, bearerOf(req), req.body)),
  );
  router.get(
    INGEST_CHECKPOINTS_PATH,
    answer((req) => collectorCheckpoints(deps, bearerOf(req), req.query.regionId)),
  );
  router.post(
    INGEST_RUNS_PATH,
    json,
    answer((req) => finishRemoteRun(deps, bearerOf(req), req.body)),
  );
  router.use('/ingest', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.parse.failed') res.status(400).json({ error: 'the body is not JSON' });
    else if (type === 'entity.too.large')
      res.status(413).json({ error: 'the batch is too large; send fewer rows' });
    else next(error);
  });
  return router;
}
