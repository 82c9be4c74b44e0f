import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { mention, userText, type ChatMessage } from '../messages/chat-message.js';
import { NO_NAMES, type PeopleBook } from '../people/people-book.js';
import { actorTextOf, formatTime } from './access-messages.js';
import { requestReference } from './request-reference.js';

/**
 * The reply in the thread of a request's channel message when its state changes: one short line
 * per event, each with its own wording, so the notification says what happened. Pending requests
 * have no reply (the message itself is the news).
 */
export function accessEventReply(
  request: AccessRequestRow,
  people: PeopleBook = NO_NAMES,
): ChatMessage | undefined {
  const ref = requestReference(request);
  const who = mention(people.person(request.requester));
  const by = (actor: string | null) => actorTextOf(actor, people);
  const group = request.group_key;
  const reply = (title: string, severity: ChatMessage['severity'], body?: string[]): ChatMessage => ({
    kind: `access.event.${request.state}`,
    title,
    severity,
    ...(body ? { body } : {}),
    context: [ref],
  });
  switch (request.state) {
    case 'pending':
      return undefined;
    case 'approved':
      return reply(`${ref} approved by ${by(request.decided_by)}; applying it in Databricks`, 'success');
    case 'active':
      return reply(`${ref}: ${who} has ${group} until ${formatTime(request.ends_at!)}`, 'success');
    case 'denied':
      return reply(
        `${ref} denied by ${by(request.decided_by)}`,
        'warning',
        request.deny_reason ? [`Reason: ${userText(request.deny_reason)}`] : undefined,
      );
    case 'timed_out':
      return reply(
        `${ref} timed out: nobody decided before ${formatTime(request.approval_deadline)}`,
        'warning',
      );
    case 'cancelled':
      return reply(`${ref} was cancelled`, 'info');
    case 'expired':
      return reply(
        `${ref}: ${who}'s access to ${group} ended at ${formatTime(request.ended_at ?? request.ends_at!)}`,
        'info',
      );
    case 'revoked':
      return reply(
        `${ref}: ${who}'s access to ${group} was revoked by ${by(request.revoke_requested_by)}`,
        'info',
      );
    case 'apply_failed':
      return reply(`${ref} was approved, but Databricks could not apply it`, 'critical', [
        `Error: ${request.last_error ?? 'unknown'}. Nothing was granted.`,
      ]);
  }
}
