import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../../src/logging/logger.js';
import { readRawBody } from '../../../src/runtime/request-body-limit.js';
import { slackEnvelopeProblem } from './slack-envelope.js';

type RawRequest = Request & { rawBody?: Buffer };

/**
 * What runs before Bolt on POST /slack/events: the body is capped (413, unread), and a signed body
 * that is not JSON or not a shape our listeners can handle is answered 400 (an unsigned one 401,
 * so nothing is learnt without the secret). A usable body goes on to Bolt, which verifies the
 * signature from `req.rawBody` before any listener, so a valid request is verified once.
 */
export function slackFrontDoor(signingSecret: string, log: Logger): RequestHandler[] {
  const check = (req: RawRequest, res: Response, next: NextFunction) => {
    const raw = req.rawBody?.toString('utf8') ?? '';
    const problem = slackEnvelopeProblem(parseBody(raw, header(req, 'content-type')));
    if (problem === undefined) {
      // A usable shape: Bolt verifies the signature (401 when it is wrong) before any listener.
      next();
      return;
    }
    const headers = {
      'x-slack-signature': header(req, 'x-slack-signature'),
      'x-slack-request-timestamp': Number(header(req, 'x-slack-request-timestamp')),
    };
    if (!isValidSlackRequest({ signingSecret, body: raw, headers })) {
      res.status(401).end();
      return;
    }
    log.warn({ problem }, 'signed Slack request with an unusable shape refused');
    res.status(400).json({ error: 'malformed Slack payload' });
  };
  return [...readRawBody(), check];
}

function header(req: Request, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Parses like Bolt does: a form (with `payload=<json>` for interactions) or JSON (events). */
function parseBody(raw: string, contentType: string): unknown {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(raw);
      return typeof form.payload === 'string' ? (JSON.parse(form.payload) as unknown) : { ...form };
    }
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
