import type { App } from '@slack/bolt';
import {
  requestAccess,
  validateRequestInput,
  type AccessRequestInput,
} from '../../../../src/access/request-access.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import type { Services } from '../../../../src/services.js';
import { directMessage, formErrors, slackReply, type SlackReply } from '../../render/slack-reply.js';
import { REQUEST_ACCESS_MODAL } from '../../views/request-access-modal.js';
import { requestResultText } from '../commands/request-result-text.js';
import { errorReply } from '../reply-on-error.js';

type StateValues = Record<
  string,
  Record<string, { selected_option?: { value?: unknown } | null; value?: string | null }>
>;

const FORM_FIELDS = new Set(['group', 'duration', 'reason', 'ticket']);

/** The duration option's value as seconds; anything but digits is left for validation to refuse. */
function durationOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * The request form was sent. Policy checks that point at a field are answered inside the form
 * (nothing the person typed is lost); the rest runs after the acknowledgement and its outcome
 * arrives as a DM.
 */
export function registerRequestAccessSubmitted(app: App, services: Services): void {
  app.view(REQUEST_ACCESS_MODAL, async ({ ack, body, view, client }) => {
    const values = view.state.values as StateValues;
    const group = values.group?.group?.selected_option?.value;
    const input: AccessRequestInput = {
      requester: { platform: 'slack', id: body.user.id },
      group: typeof group === 'string' ? group : '',
      durationSeconds: durationOf(values.duration?.duration?.selected_option?.value),
      reason: values.reason?.reason?.value ?? '',
      ticketUrl: values.ticket?.ticket?.value ?? undefined,
      submissionKey: `slack-view:${view.id}`,
    };
    try {
      validateRequestInput(services.access.policy, input);
    } catch (error) {
      if (error instanceof DomainError) {
        const field = error.field && FORM_FIELDS.has(error.field) ? error.field : 'group';
        await ack(formErrors({ [field]: error.userMessage }));
        return;
      }
      throw error;
    }
    await ack();
    let reply: SlackReply;
    try {
      reply = slackReply(requestResultText(await requestAccess(services.access, input)));
    } catch (error) {
      reply = errorReply(services.log, error);
    }
    await client.chat.postMessage(directMessage(body.user.id, reply));
  });
}
