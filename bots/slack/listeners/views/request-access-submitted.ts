import type { App } from '@slack/bolt';
import {
  requestAccess,
  validateRequestInput,
  type AccessRequestInput,
} from '../../../../src/access/request-access.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import type { Services } from '../../../../src/services.js';
import { REQUEST_ACCESS_MODAL } from '../../views/request-access-modal.js';
import { requestResultText } from '../commands/request-result-text.js';
import { errorText } from '../reply-on-error.js';

type StateValues = Record<
  string,
  Record<string, { selected_option?: { value: string } | null; value?: string | null }>
>;

/**
 * The request form was sent. Policy checks that point at a field are answered inside the form
 * (nothing the person typed is lost); the rest runs after the acknowledgement and its outcome
 * arrives as a DM.
 */
export function registerRequestAccessSubmitted(app: App, services: Services): void {
  app.view(REQUEST_ACCESS_MODAL, async ({ ack, body, view, client }) => {
    const values = view.state.values as StateValues;
    const input: AccessRequestInput = {
      requester: { platform: 'slack', id: body.user.id },
      group: values.group?.group?.selected_option?.value ?? '',
      durationSeconds: Number(values.duration?.duration?.selected_option?.value ?? '') || undefined,
      reason: values.reason?.reason?.value ?? '',
      ticketUrl: values.ticket?.ticket?.value ?? undefined,
    };
    try {
      validateRequestInput(services.access.policy, input);
    } catch (error) {
      if (error instanceof DomainError) {
        await ack({ response_action: 'errors', errors: { [error.field ?? 'group']: error.userMessage } });
        return;
      }
      throw error;
    }
    await ack();
    let text: string;
    try {
      text = requestResultText(await requestAccess(services.access, input));
    } catch (error) {
      text = errorText(services.log, error);
    }
    await client.chat.postMessage({ channel: body.user.id, text });
  });
}
