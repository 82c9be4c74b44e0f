import {
  requestAccess,
  validateRequestInput,
  type AccessRequestInput,
} from '../../../../src/access/request-access.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import { requestAccessForm, type RequestFormValues } from '../../cards/request-access-form.js';
import { personOf } from '../../identity/teams-person.js';
import { requestResultMessage } from '../../replies/request-result-message.js';
import { renderAdaptiveCard } from '../../render/render-card.js';
import type { CardAction } from './card-actions.js';

const text = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined ? undefined : String(value);

/**
 * The request form was sent. Anything that stops the request (a policy check, no Databricks user)
 * comes back as the same form with the reason under the input at fault (on top when it is about
 * no one input) and everything the person typed kept; a filed request replaces the form with its
 * confirmation.
 */
export const requestFormSubmitted: CardAction = async (turn, data) => {
  const { access, db } = turn.services;
  const values: RequestFormValues = {
    group: text(data.group),
    duration: text(data.duration),
    reason: text(data.reason),
    ticket: text(data.ticket),
  };
  try {
    const input: AccessRequestInput = {
      requester: await personOf(turn.context, db),
      group: values.group ?? '',
      durationSeconds: Number(values.duration ?? '') || undefined,
      reason: values.reason ?? '',
      ticketUrl: values.ticket || undefined,
      ...(turn.context.activity.id ? { submissionKey: `teams:${turn.context.activity.id}` } : {}),
    };
    validateRequestInput(access.policy, input);
    return renderAdaptiveCard(requestResultMessage(await requestAccess(access, input)));
  } catch (error) {
    if (error instanceof DomainError)
      return requestAccessForm(access.policy.groups, values, {
        text: error.userMessage,
        field: error.field,
      });
    throw error;
  }
};
