import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Chat platforms send small payloads; anything bigger is refused before it is read or verified. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/**
 * Reads the raw body into `req.rawBody` (a Buffer), refusing more than `limit` bytes with 413
 * before reading it (Content-Length) or as soon as a chunked body passes it. Nothing else runs on
 * an oversized request: no signature check, no JSON parsing.
 */
export function readRawBody(limit = MAX_REQUEST_BODY_BYTES): RequestHandler[] {
  const raw = express.raw({ type: () => true, limit });
  const keep = (req: Request, _res: Response, next: NextFunction) => {
    if (Buffer.isBuffer(req.body)) (req as Request & { rawBody?: Buffer }).rawBody = req.body;
    next();
  };
  return [refuseOversizedBody(limit), raw, keep];
}

/** Answers 413 at once when the declared Content-Length is over the limit; the body is never read. */
export function refuseOversizedBody(limit = MAX_REQUEST_BODY_BYTES): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > limit) {
      refuseTooLarge(res);
      return;
    }
    next();
  };
}

function refuseTooLarge(res: Response): void {
  // The body is not read: close the connection after answering rather than draining it.
  res.setHeader('connection', 'close');
  res.status(413).json({ error: 'request body too large' });
}

/** Status of a body-parser error (413 too large, 400 malformed, 415 charset), if it is one. */
export function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
