import express, { Router } from 'express';
import type { TeamsConfig } from '../../src/config/config.js';
import type { Services } from '../../src/services.js';
import { createTeamsConnection } from './teams-adapter.js';
import { ChatOpsTeamsBot } from './teams-bot.js';
import { teamsActivityProblem } from './teams-activity-envelope.js';
import { errorMessage, reply } from './replies/teams-reply.js';
import { MAX_REQUEST_BODY_BYTES, refuseOversizedBody } from '../../src/runtime/request-body-limit.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsFrontEnd {
  router: Router;
}

/**
 * The Teams bot on POST /api/messages: botbuilder's CloudAdapter validates the Bot Framework
 * bearer token (when an app id is configured) before any handler runs.
 */
export function createTeamsFrontEnd(config: TeamsConfig, services: Services): TeamsFrontEnd {
  const { adapter } = createTeamsConnection(config);
  adapter.onTurnError = async (context, error) => {
    await reply(context, errorMessage(services.log, error)).catch(() => undefined);
  };
  const bot = new ChatOpsTeamsBot(services);
  const router = Router();
  const body = [refuseOversizedBody(), express.json({ limit: MAX_REQUEST_BODY_BYTES })];
  router.post(TEAMS_MESSAGES_PATH, ...body, async (req, res) => {
    if (config.appId && !req.headers.authorization) {
      // The adapter would refuse it too; answering here keeps a stack trace out of the logs.
      services.log.warn({ path: req.path }, 'Teams activity without a bearer token refused');
      res.status(401).json({ error: 'missing Bot Framework bearer token' });
      return;
    }
    const problem = teamsActivityProblem(req.body);
    if (problem !== undefined) {
      services.log.warn({ problem }, 'Teams activity with an unusable shape refused');
      res.status(400).json({ error: 'malformed activity' });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return { router };
}
