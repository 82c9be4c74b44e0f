import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Services } from '../src/services.js';
import { defineJob } from './job-definition.js';

const apps = new WeakMap<Services, App>();

/**
 * A Bolt app in the worker, for running handlers whose web process stopped before they ended
 * (Bolt is loaded only then: a worker without Slack never pays for it).
 */
async function slackAppFor(deps: Services): Promise<App | undefined> {
  if (!deps.config.slack) return undefined;
  let app = apps.get(deps);
  if (!app) {
    const { createSlackFrontEnd } = await import('../bots/slack/slack-front-end.js');
    app = createSlackFrontEnd(deps.config.slack, deps).app;
    apps.set(deps, app);
  }
  return app;
}

/**
 * A Slack command or interaction the web role acknowledged but could not finish before it
 * stopped: a worker runs the same listener again, which answers through the `response_url`
 * (valid for 30 minutes). Use cases are idempotent, so work the first run did is not repeated;
 * the person gets the answer either way.
 */
export const replaySlackInteractionJob = defineJob({
  queue: 'slack-replay-interaction',
  payload: z.object({ body: z.record(z.string(), z.unknown()) }),
  options: { attempts: 3, backoff: { type: 'exponential', delay: 1_000 } },
  handle: async ({ body }, { deps, log }) => {
    const app = await slackAppFor(deps);
    if (!app) {
      log.error('a Slack interaction was handed over, but Slack is not configured in this worker');
      return;
    }
    await app.processEvent({ body, ack: async () => undefined });
  },
});
