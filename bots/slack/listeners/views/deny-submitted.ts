import type { App } from '@slack/bolt';
import { decideRequest } from '../../../../src/access/decide-request.js';
import type { Services } from '../../../../src/services.js';
import { DENY_MODAL } from '../../views/request-access-modal.js';
import { errorText } from '../reply-on-error.js';

/** The deny form was sent: records the denial with its optional reason. */
export function registerDenySubmitted(app: App, services: Services): void {
  app.view(DENY_MODAL, async ({ ack, body, view, client }) => {
    await ack();
    const reason = (view.state.values.reason?.reason?.value ?? '').trim();
    try {
      await decideRequest(services.access, {
        requestId: view.private_metadata,
        approver: { platform: 'slack', id: body.user.id },
        decision: 'deny',
        reason: reason === '' ? undefined : reason,
      });
    } catch (error) {
      await client.chat.postMessage({ channel: body.user.id, text: errorText(services.log, error) });
    }
  });
}
