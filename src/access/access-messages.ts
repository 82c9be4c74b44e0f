import type { AccessApprovalRow, AccessRequestRow } from '../db/tables/access-requests.js';
import { mention, userText, type ChatMessage, type MessageField } from '../messages/chat-message.js';
import { parseChatUser } from '../ports/chat-user.js';
import { formatDuration } from './duration.js';
import { approversOf, policyOf } from './policy-snapshot.js';
import type { GroupPolicy } from './policy/access-policy.js';

/** Action ids the front ends route on. */
export const ACCESS_ACTIONS = {
  approve: 'access.approve',
  deny: 'access.deny',
  extend: 'access.extend',
  revoke: 'access.revoke',
} as const;

export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A stored actor (`slack:U1`, `system:...`) as message text. */
export function actorText(actor: string | null): string {
  if (actor === null) return 'someone';
  if (actor.startsWith('system')) return actor === 'system:auto-approve' ? 'auto-approval policy' : 'the bot';
  return mention(parseChatUser(actor));
}

function requestFields(request: AccessRequestRow): MessageField[] {
  const fields: MessageField[] = [
    {
      label: 'Requester',
      value: `${mention(parseChatUser(request.requester))} (${request.requester_email})`,
    },
    { label: 'Group', value: `${request.group_key} → ${request.databricks_group}` },
    { label: 'Duration', value: formatDuration(request.duration_seconds) },
    { label: 'Reason', value: request.reason === '' ? '(none given)' : userText(request.reason) },
  ];
  if (request.ticket_url) fields.push({ label: 'Ticket', value: userText(request.ticket_url) });
  return fields;
}

function approvalProgress(request: AccessRequestRow, approvals: AccessApprovalRow[]): string {
  const approved = approvals.filter((a) => a.decision === 'approve');
  const by = approved.map((a) => `${actorText(a.approver)} at ${formatTime(a.decided_at)}`).join(', ');
  return `${approved.length} of ${request.min_approvals} approvals${by ? `: ${by}` : ''}`;
}

/** The status line approvers see, from the request's state. */
export function requestStatus(request: AccessRequestRow, approvals: AccessApprovalRow[]): string {
  const when = request.decided_at ? ` at ${formatTime(request.decided_at)}` : '';
  switch (request.state) {
    case 'pending':
      return `Waiting for approval — ${approvalProgress(request, approvals)}`;
    case 'approved':
      return `Approved by ${actorText(request.decided_by)}${when} — applying in Databricks`;
    case 'active':
      return `Approved by ${actorText(request.decided_by)}${when} — access active until ${formatTime(request.ends_at!)}`;
    case 'denied':
      return `Denied by ${actorText(request.decided_by)}${when}${request.deny_reason ? `: ${userText(request.deny_reason)}` : ''}`;
    case 'cancelled':
      return `Cancelled${when}`;
    case 'timed_out':
      return 'Timed out: nobody decided before the approval deadline';
    case 'expired':
      return `Expired at ${formatTime(request.ended_at ?? request.ends_at!)}`;
    case 'revoked':
      return `Revoked by ${actorText(request.revoke_requested_by)} at ${formatTime(request.ended_at!)}`;
    case 'apply_failed':
      return `Approved, but Databricks could not apply it: ${request.last_error ?? 'unknown error'}`;
  }
}

/** Why a click on a request that is no longer pending changes nothing: who decided it, and when. */
export function alreadyDecidedText(request: AccessRequestRow): string {
  if (request.state === 'timed_out') return 'This request already timed out without a decision.';
  if (request.state === 'cancelled') return 'This request was already cancelled.';
  const verb = request.state === 'denied' ? 'denied' : 'approved';
  const when = request.decided_at ? ` at ${formatTime(request.decided_at)}` : '';
  return `This request was already ${verb} by ${actorText(request.decided_by)}${when}.`;
}

/** The card approvers get, updated in place after every decision. */
export function approvalRequestMessage(
  request: AccessRequestRow,
  approvals: AccessApprovalRow[],
): ChatMessage {
  const snapshot = policyOf(request);
  const approvers = approversOf(request).map(mention).join(', ');
  const open = request.state === 'pending';
  return {
    kind: 'access.request',
    title: `Access request: ${request.group_key} for ${formatDuration(request.duration_seconds)}`,
    severity: open
      ? 'info'
      : request.state === 'denied' || request.state === 'apply_failed'
        ? 'warning'
        : 'success',
    fields: [
      ...requestFields(request),
      {
        label: 'Policy',
        value: `${snapshot.minApprovals} approval(s) from ${approvers || 'the integration owners'}; max ${formatDuration(snapshot.maxDurationSeconds)}`,
      },
      { label: 'Status', value: requestStatus(request, approvals) },
    ],
    context: [
      `Request ${request.id} · submitted ${formatTime(request.created_at)}`,
      ...(open ? [`Expires unanswered at ${formatTime(request.approval_deadline)}`] : []),
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
export function requesterUpdateMessage(request: AccessRequestRow): ChatMessage {
  const group = request.group_key;
  const base = {
    kind: `access.${request.state}`,
    fields: requestFields(request).slice(1),
    context: [`Request ${request.id}`],
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
    context: [`Request ${request.id}`],
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
      const approvals = group.minApprovals === 1 ? '1 approval' : `${group.minApprovals} approvals`;
      const reason = group.requireReason ? 'reason required' : 'reason optional';
      const auto = group.autoApprove.length > 0 ? ', some requests auto-approved' : '';
      const description = group.description ? ` — ${group.description}` : '';
      return `\`${group.key}\` (${group.databricksGroup})${description}: up to ${formatDuration(group.maxDurationSeconds)}, default ${formatDuration(group.defaultDurationSeconds)}, ${approvals}, ${reason}${auto}`;
    }),
  };
}

export function myAccessMessage(active: AccessRequestRow[], open: AccessRequestRow[]): ChatMessage {
  const lines = [
    ...active.map((r) => `Active: \`${r.group_key}\` until ${formatTime(r.ends_at!)}`),
    ...open.map(
      (r) =>
        `${r.state === 'pending' ? 'Pending' : 'Approved, applying'}: \`${r.group_key}\` for ${formatDuration(r.duration_seconds)} (request ${r.id})`,
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
