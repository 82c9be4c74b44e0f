import { App, ExpressReceiver } from '@slack/bolt';
import { Router } from 'express';
import type { SlackConfig } from '../../src/config/config.js';
import type { Services } from '../../src/services.js';
import { boltLogger } from './bolt-logger.js';
import { slackFrontDoor } from './front-door/slack-front-door.js';
import { registerSlackListeners } from './listeners/index.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackFrontEnd {
  app: App;
  /** Mounted on the HTTP front end; verifies Slack's request signature before any handler. */
  router: Router;
}

/** The Bolt app: slash commands, interactivity and events, all on POST /slack/events. */
export function createSlackFrontEnd(
  config: SlackConfig,
  services: Services,
  options: { processBeforeResponse?: boolean } = {},
): SlackFrontEnd {
  const router = Router();
  router.post(SLACK_EVENTS_PATH, ...slackFrontDoor(config.signingSecret, services.log));
  const logger = boltLogger(services.log);
  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    router,
    logger,
    processBeforeResponse: options.processBeforeResponse ?? false,
  });
  const app = new App({
    token: config.botToken,
    receiver,
    logger,
    clientOptions: { slackApiUrl: config.apiUrl, attachOriginalToWebAPIRequestError: false },
  });
  registerSlackListeners(app, services);
  app.error(async (error) => {
    services.log.error({ err: error }, 'unhandled error in Slack listener');
  });
  return { app, router };
}
