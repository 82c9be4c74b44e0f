import { randomUUID } from 'node:crypto';
import type { RespondFn } from '@slack/bolt';
import { DomainError } from '../../../src/errors/domain-errors.js';
import type { Logger } from '../../../src/logging/logger.js';
import { SLACK_LIMITS, slackText } from '../render/slack-text.js';

/**
 * Runs a use case for a Slack interaction. A domain refusal becomes an ephemeral reply with its
 * user-facing message; anything unexpected is logged and the person gets a short apology with an
 * id they can quote.
 */
export async function replyOnError(
  log: Logger,
  respond: RespondFn,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: errorText(log, error) }).catch(
      (replyError: unknown) => log.warn({ err: replyError }, 'could not deliver error reply to Slack'),
    );
  }
}

/** The text a person sees for an error: the domain's message, or an apology with an id. */
export function errorText(log: Logger, error: unknown): string {
  if (error instanceof DomainError)
    return `:no_entry: ${slackText(error.userMessage, SLACK_LIMITS.sectionText)}`;
  const errorId = randomUUID().slice(0, 8);
  log.error({ err: error, errorId }, 'unexpected error handling a Slack interaction');
  return `:warning: Sorry, something went wrong on my side (error id ${errorId}). Please try again or tell an admin.`;
}
