import type { AccessApprovalRow, AccessRequestRow } from '../db/tables/access-requests.js';
import { mention, moment, userText, type ChatMessage, type MessageField } from '../messages/chat-message.js';
import { NO_NAMES, type PeopleBook } from '../people/people-book.js';
import { plural } from '../text/plural.js';
import { formatDuration } from './duration.js';
import { policyOf } from './policy-snapshot.js';
import type { GroupPolicy } from './policy/access-policy.js';
import { requestReference } from './request-reference.js';

/** Action ids the front ends route on. */
export const ACCESS_ACTIONS = {
  approve: 'access.approve',
  deny: 'access.deny',
  extend: 'access.extend',
  revoke: 'access.revoke',
} as const;

/** A time as each reader sees it: their own zone, to the second. */
export function formatTime(date: Date): string {
  return moment(date);
}

/** Who sees an approval card: an approver in a direct message, or a shared channel. */
export interface ApprovalAudience {
  /** The requester's e-mail is shown (always in direct messages; in channels only when configured). */
  showRequesterEmail: boolean;
  people?: PeopleBook;
}

const DIRECT: ApprovalAudience = { showRequesterEmail: true };

/** A stored actor (`slack:U1`, `system:...`) as message text. */
export function actorTextOf(actor: string | null, people: PeopleBook = NO_NAMES): string {
  if (actor === null) return 'someone';
  if (actor.startsWith('system'))
    return actor === 'system:auto-approve' ? 'the auto-approval policy' : 'the bot';
  return mention(people.person(actor));
}

/** A stored actor as message text, without names. */
export const actorText = (actor: string | null): string => actorTextOf(actor);

function requestFields(request: AccessRequestRow, audience: ApprovalAudience = DIRECT): MessageField[] {
  const fields: MessageField[] = [
    { label: 'Requester', value: mention((audience.people ?? NO_NAMES).person(request.requester)) },
    ...(audience.showRequesterEmail ? [{ label: 'Databricks user', value: request.requester_email }] : []),
    { label: 'Group', value: `${request.group_key} → ${request.databricks_group}` },
    { label: 'Duration', value: formatDuration(request.duration_seconds) },
    { label: 'Reason', value: request.reason === '' ? '(none given)' : userText(request.reason) },
  ];
  if (request.ticket_url) fields.push({ label: 'Ticket', value: userText(request.ticket_url) });
  return fields;
}

function approvalProgress(
  request: AccessRequestRow,
  approvals: AccessApprovalRow[],
  people: PeopleBook,
): string {
  const approved = approvals.filter((a) => a.decision === 'approve');
  const by = approved
    .map((a) => `${actorTextOf(a.approver, people)} at ${formatTime(a.decided_at)}`)
    .join(', ');
  return `${approved.length} of ${plural(request.min_approvals, 'approval')}${by ? `: ${by}` : ''}`;
}

/** The status line approvers see, from the request's state. */
export function requestStatus(
  request: AccessRequestRow,
  approvals: AccessApprovalRow[],
  people: PeopleBook = NO_NAMES,
): string {
  const when = request.decided_at ? ` at ${formatTime(request.decided_at)}` : '';
  const by = (actor: string | null) => actorTextOf(actor, people);
  switch (request.state) {
    case 'pending':
      return `Waiting for approval — ${approvalProgress(request, approvals, people)}`;
    case 'approved':
      return `Approved by ${by(request.decided_by)}${when} — applying in Databricks`;
    case 'active':
      return `Approved by ${by(request.decided_by)}${when} — access active until ${formatTime(request.ends_at!)}`;
    case 'denied':
      return `Denied by ${by(request.decided_by)}${when}${request.deny_reason ? `: ${userText(request.deny_reason)}` : ''}`;
    case 'cancelled':
      return `Cancelled${when}`;
    case 'timed_out':
      return 'Timed out: nobody decided before the approval deadline';
    case 'expired':
      return `Expired at ${formatTime(request.ended_at ?? request.ends_at!)}`;
    case 'revoked':
      return `Revoked by ${by(request.revoke_requested_by)} at ${formatTime(request.ended_at!)}`;
    case 'apply_failed':
      return `Approved, but Databricks could not apply it: ${request.last_error ?? 'unknown error'}`;
  }
}

/** Why a click on a request that is no longer pending changes nothing: who decided it, and when. */
export function alreadyDecidedText(request: AccessRequestRow, people: PeopleBook = NO_NAMES): string {
  const ref = requestReference(request);
  if (request.state === 'timed_out') return `${ref} already timed out without a decision.`;
  if (request.state === 'cancelled') return `${ref} was already cancelled.`;
  const verb = request.state === 'denied' ? 'denied' : 'approved';
  const when = request.decided_at ? ` at ${formatTime(request.decided_at)}` : '';
  return `${ref} was already ${verb} by ${actorTextOf(request.decided_by, people)}${when}.`;
}

/** The card approvers get, updated in place after every decision. */
export function approvalRequestMessage(
  request: AccessRequestRow,
  approvals: AccessApprovalRow[],
  audience: ApprovalAudience = DIRECT,
): ChatMessage {
  const snapshot = policyOf(request);
  const people = audience.people ?? NO_NAMES;
  const approvers = snapshot.approvers.map((approver) => mention(people.person(approver))).join(', ');
  const open = request.state === 'pending';
  return {
    kind: 'access.request',
    title: `${requestReference(request)}: access to ${request.group_key} for ${formatDuration(request.duration_seconds)}`,
    severity: open
      ? 'info'
      : request.state === 'denied' || request.state === 'apply_failed'
        ? 'warning'
        : 'success',
    fields: [
      ...requestFields(request, audience),
      {
        label: 'Policy',
        value: `${plural(snapshot.minApprovals, 'approval')} from ${approvers || 'the integration owners'}; at most ${formatDuration(snapshot.maxDurationSeconds)}`,
      },
      { label: 'Status', value: requestStatus(request, approvals, people) },
    ],
    context: [
      `${requestReference(request)} · filed ${formatTime(request.created_at)}`,
      ...(open ? [`Times out unanswered at ${formatTime(request.approval_deadline)}`] : []),
    ],
    actions: open
      ? [
          { id: ACCESS_ACTIONS.approve, label: 'Approve', value: request.id, style: 'primary' },
          {
            id: ACCESS_ACTIONS.deny,
            label: 'Deny',
            value: request.id,
            style: 'danger',
            confirm: {
              title: 'Deny this request?',
              text: `The requester will not get ${request.group_key}. You can say why in the next step.`,
              goAhead: 'Deny',
            },
          },
        ]
      : request.state === 'active'
        ? [
            {
              id: ACCESS_ACTIONS.revoke,
              label: 'Revoke now',
              value: request.id,
              style: 'danger',
              confirm: revokeConfirmation(request.group_key),
            },
          ]
        : [],
  };
}

/** What the requester is told at each state change. */
export function requesterUpdateMessage(
  request: AccessRequestRow,
  people: PeopleBook = NO_NAMES,
): ChatMessage {
  const group = request.group_key;
  const actorText = (actor: string | null) => actorTextOf(actor, people);
  const base = {
    kind: `access.${request.state}`,
    fields: requestFields(request, { showRequesterEmail: false }).slice(1),
    context: [requestReference(request)],
  };
  switch (request.state) {
    case 'pending':
      return { ...base, title: `Your request for ${group} was sent to the approvers`, severity: 'info' };
    case 'approved':
      return {
        ...base,
        title: `Your request for ${group} was approved by ${actorText(request.decided_by)}`,
        severity: 'success',
      };
    case 'active':
      return {
        ...base,
        title: `Your access to ${group} is active until ${formatTime(request.ends_at!)}`,
        severity: 'success',
        actions: [
          {
            id: ACCESS_ACTIONS.revoke,
            label: 'End it now',
            value: request.id,
            confirm: revokeConfirmation(group),
          },
        ],
      };
    case 'denied':
      return {
        ...base,
        title: `Your request for ${group} was denied by ${actorText(request.decided_by)}`,
        severity: 'warning',
        body: request.deny_reason ? [`Reason: ${userText(request.deny_reason)}`] : [],
      };
    case 'timed_out':
      return {
        ...base,
        title: `Your request for ${group} timed out without a decision`,
        severity: 'warning',
      };
    case 'cancelled':
      return { ...base, title: `Your request for ${group} was cancelled`, severity: 'info' };
    case 'expired':
      return { ...base, title: `Your access to ${group} has expired`, severity: 'info' };
    case 'revoked':
      return {
        ...base,
        title: `Your access to ${group} was revoked by ${actorText(request.revoke_requested_by)}`,
        severity: 'info',
      };
    case 'apply_failed':
      return {
        ...base,
        title: `Your request for ${group} was approved, but Databricks could not apply it`,
        severity: 'critical',
        body: [
          `Nothing was granted. Error: ${request.last_error ?? 'unknown'}. The approvers have been told.`,
        ],
      };
  }
}

export function expiryWarningMessage(request: AccessRequestRow): ChatMessage {
  return {
    kind: 'access.expiry_warning',
    title: `Your access to ${request.group_key} ends at ${formatTime(request.ends_at!)}`,
    severity: 'warning',
    body: ['Need more time? Extending sends a new request under the same policy.'],
    context: [requestReference(request)],
    actions: [{ id: ACCESS_ACTIONS.extend, label: 'Extend', value: request.id, style: 'primary' }],
  };
}

export function policiesMessage(groups: GroupPolicy[]): ChatMessage {
  if (groups.length === 0) {
    return {
      kind: 'access.policies',
      title: 'No groups are requestable yet',
      body: ['Ask an admin to add groups to the policy file.'],
    };
  }
  return {
    kind: 'access.policies',
    title: 'Requestable Databricks groups',
    body: groups.map((group) => {
      const approvals = plural(group.minApprovals, 'approval');
      const reason = group.requireReason ? 'reason required' : 'reason optional';
      const auto = group.autoApprove.length > 0 ? ', some requests auto-approved' : '';
      const description = group.description ? ` — ${group.description}` : '';
      return `\`${group.key}\` (${group.databricksGroup})${description}: up to ${formatDuration(group.maxDurationSeconds)}, default ${formatDuration(group.defaultDurationSeconds)}, ${approvals}, ${reason}${auto}`;
    }),
  };
}

export function myAccessMessage(active: AccessRequestRow[], open: AccessRequestRow[]): ChatMessage {
  const lines = [
    ...active.map((r) => `Active: ${r.group_key} until ${formatTime(r.ends_at!)} (${requestReference(r)})`),
    ...open.map(
      (r) =>
        `${r.state === 'pending' ? 'Pending' : 'Approved, applying'}: ${r.group_key} for ${formatDuration(r.duration_seconds)} (${requestReference(r)})`,
    ),
  ];
  return {
    kind: 'access.mine',
    title: lines.length === 0 ? 'You have no active access or pending requests' : 'Your Databricks access',
    body: lines,
  };
}

/** Asked before a grant is ended early. */
function revokeConfirmation(group: string) {
  return {
    title: 'End this access now?',
    text: `Membership of ${group} is removed at once; a new request is needed to get it back.`,
    goAhead: 'End access',
  };
}
