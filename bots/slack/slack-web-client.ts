import { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../src/config/config.js';
import type { Logger } from '../../src/logging/logger.js';
import { boltLogger } from './bolt-logger.js';

export type SlackWebClient = InstanceType<typeof webApi.WebClient>;

/** The bot's Web API client, for work done outside a Slack request (jobs, notifications). */
export function createSlackWebClient(config: SlackConfig, log: Logger): SlackWebClient {
  return new webApi.WebClient(config.botToken, {
    slackApiUrl: config.apiUrl,
    logger: boltLogger(log),
    // Rate limits and retries are the delivery job's business (it waits out Retry-After without
    // blocking a worker), so the client reports them instead of sleeping.
    rejectRateLimitedCalls: true,
    // A failed call's error must not carry the request (its Authorization header) into the logs.
    attachOriginalToWebAPIRequestError: false,
    // No blind retries: a post whose answer was lost may have landed, and resending it would post
    // twice. The job runner retries instead, and a delivery first looks for its own tagged post.
    retryConfig: { retries: 0 },
  });
}
