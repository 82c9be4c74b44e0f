import { App, ExpressReceiver } from '@slack/bolt';
import { Router } from 'express';
import type { SlackConfig } from '../../src/config/config.js';
import type { InFlightWork } from '../../src/runtime/in-flight-work.js';
import type { Services } from '../../src/services.js';
import { boltLogger } from './bolt-logger.js';
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
  options: {
    processBeforeResponse?: boolean;
    /** Tracks every acknowledged interaction until its handler ends (graceful stop). */
    inFlight?: InFlightWork;
    /** Queues an interaction whose handler could not finish before this process stops. */
    handOff?: (body: Record<string, unknown>) => Promise<void>;
  } = {},
): SlackFrontEnd {
  const router = Router();
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
    clientOptions: { slackApiUrl: config.apiUrl },
  });
  const { inFlight, handOff } = options;
  if (inFlight) {
    app.use(async ({ body, next }) => {
      const replayable = typeof (body as { response_url?: unknown }).response_url === 'string';
      const label = `slack:${String((body as { type?: unknown }).type ?? 'command')}`;
      await inFlight.track(
        label,
        next,
        replayable && handOff ? () => handOff(body as Record<string, unknown>) : undefined,
      );
    });
  }
  registerSlackListeners(app, services);
  app.error(async (error) => {
    services.log.error({ err: error }, 'unhandled error in Slack listener');
  });
  return { app, router };
}
