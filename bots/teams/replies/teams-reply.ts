import { randomUUID } from 'node:crypto';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { outageAsDomainError } from '../../../src/db/database-outage.js';
import { DomainError } from '../../../src/errors/domain-errors.js';
import type { Logger } from '../../../src/logging/logger.js';
import type { ChatMessage } from '../../../src/messages/chat-message.js';
import type { Services } from '../../../src/services.js';
import { renderAdaptiveCard, type AdaptiveCard } from '../render/render-card.js';

/** One incoming Teams activity and what its handlers may use. */
export interface TeamsTurn {
  context: TurnContext;
  services: Services;
}

/** Answers in the conversation the activity came from, as an Adaptive Card. */
export async function reply(context: TurnContext, content: ChatMessage | AdaptiveCard): Promise<void> {
  const card = 'kind' in content ? renderAdaptiveCard(content) : content;
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/**
 * What a person sees for an error: a domain refusal's own message, or, for anything unexpected,
 * a short apology with an id they can quote (the error is logged under the same id).
 */
export function errorMessage(log: Logger, thrown: unknown): ChatMessage {
  const error = outageAsDomainError(thrown);
  if (error instanceof DomainError) return { kind: 'error', title: error.userMessage, severity: 'warning' };
  const errorId = randomUUID().slice(0, 8);
  log.error({ err: error, errorId }, 'unexpected error handling a Teams activity');
  return {
    kind: 'error',
    title: 'Sorry, something went wrong on my side',
    severity: 'critical',
    body: [`Please try again or tell an admin (error id ${errorId}).`],
  };
}

/** Runs a command's work; a refusal or failure is answered in the conversation instead of thrown. */
export async function replyOnError(turn: TeamsTurn, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    await reply(turn.context, errorMessage(turn.services.log, error)).catch((replyError: unknown) =>
      turn.services.log.warn({ err: replyError }, 'could not deliver error reply to Teams'),
    );
  }
}
