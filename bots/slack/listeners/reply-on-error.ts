import { randomUUID } from 'node:crypto';
import type { RespondFn } from '@slack/bolt';
import { outageAsDomainError } from '../../../src/db/database-outage.js';
import { DomainError } from '../../../src/errors/domain-errors.js';
import type { Logger } from '../../../src/logging/logger.js';
import { ephemeral, slackReply, type SlackReply } from '../render/slack-reply.js';

/**
 * Runs a use case for a Slack interaction. A domain refusal becomes an ephemeral reply with its
 * user-facing message; anything unexpected is logged and the person gets a short apology with an
 * id they can quote.
 */
export async function replyOnError(
  log: Logger,
  respond: RespondFn | undefined,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const reply = errorReply(log, error);
    if (respond === undefined) return;
    await respond(ephemeral(reply)).catch((replyError: unknown) =>
      log.warn({ err: replyError }, 'could not deliver error reply to Slack'),
    );
  }
}

/** What a person sees for an error: the domain's message, or an apology with an id. */
export function errorReply(log: Logger, thrown: unknown): SlackReply {
  const error = outageAsDomainError(thrown);
  if (error !== thrown) log.warn({ err: thrown }, 'the database is out; told the person to try again');
  if (error instanceof DomainError) return slackReply(`:no_entry: ${error.userMessage}`);
  const errorId = randomUUID().slice(0, 8);
  log.error({ err: error, errorId }, 'unexpected error handling a Slack interaction');
  return slackReply(
    `:warning: Sorry, something went wrong on my side (error id ${errorId}). Please try again or tell an admin.`,
  );
}
