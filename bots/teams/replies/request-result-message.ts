import { formatDuration } from '../../../src/access/duration.js';
import { requestReference } from '../../../src/access/request-reference.js';
import type { AccessRequestRow } from '../../../src/db/tables/access-requests.js';
import type { ChatMessage } from '../../../src/messages/chat-message.js';

/** The short confirmation the requester sees right after asking. */
export function requestResultMessage(request: AccessRequestRow): ChatMessage {
  const what = `${request.group_key} for ${formatDuration(request.duration_seconds)}`;
  const context = [requestReference(request)];
  return request.state === 'pending'
    ? {
        kind: 'access.request_sent',
        title: `${requestReference(request)}: your request for ${what} was sent to the approvers`,
        severity: 'info',
        body: ['I will message you when it is decided.'],
        context,
      }
    : {
        kind: 'access.request_sent',
        title: `${requestReference(request)}: your request for ${what} was approved automatically`,
        severity: 'success',
        body: ['I am applying it now and will message you when it is active.'],
        context,
      };
}
