import type { App } from '@slack/bolt';
import { assertReadableReason, decideRequest } from '../../../../src/access/decide-request.js';
import { DomainError } from '../../../../src/errors/domain-errors.js';
import type { Services } from '../../../../src/services.js';
import { directMessage, formErrors } from '../../render/slack-reply.js';
import { DENY_MODAL } from '../../views/request-access-modal.js';
import { errorReply } from '../reply-on-error.js';

type StateValues = Record<string, Record<string, { value?: string | null }>>;

/** The deny form was sent: records the denial with its optional reason. */
export function registerDenySubmitted(app: App, services: Services): void {
  app.view(DENY_MODAL, async ({ ack, body, view, client }) => {
    const values = view.state.values as StateValues;
    const typed = (values.reason?.reason?.value ?? '').trim();
    const reason = typed === '' ? undefined : typed;
    try {
      assertReadableReason(reason);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await ack(formErrors({ reason: error.userMessage }));
      return;
    }
    await ack();
    try {
      await decideRequest(services.access, {
        requestId: view.private_metadata ?? '',
        approver: { platform: 'slack', id: body.user.id },
        decision: 'deny',
        reason,
      });
    } catch (error) {
      await client.chat.postMessage(directMessage(body.user.id, errorReply(services.log, error)));
    }
  });
}
