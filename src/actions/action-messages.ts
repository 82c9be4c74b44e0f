import { actorText, formatTime } from '../access/access-messages.js';
import type { RemediationActionApprovalRow, RemediationActionRow } from '../db/tables/remediation-actions.js';
import {
  userText,
  type ChatMessage,
  type MessageAction,
  type MessageField,
} from '../messages/chat-message.js';
import { ACTION_KINDS, isActionKindName } from './action-catalog.js';
import { actionPolicyOf, previewOf } from './action-snapshot.js';
import { isAccountKind, type ActionKindName } from './action-kind.js';

/** Button ids the front ends route on; the value is the action's id (or, for `request`, see below). */
export const ACTION_BUTTONS = {
  approve: 'action.approve',
  deny: 'action.deny',
  undo: 'action.undo',
  /** On alerts and findings: the value is `<kind> <source type>:<source id>`. */
  request: 'action.request',
} as const;

/** What an alert's or finding's action button carries: `<kind> <source type>:<source id>`. */
export function sourceButtonValue(kind: ActionKindName, sourceType: string, sourceId: string): string {
  return `${kind} ${sourceType}:${sourceId}`;
}

/** The outcome stored when an action finished: what was read back, or why it stopped. */
export interface ActionOutcome {
  summary?: string;
  /** `already`: the resource was already in the target state before the bot acted. */
  refused?: 'already' | 'gone';
  verifiedAt?: string;
}

const kindOf = (row: RemediationActionRow) =>
  isActionKindName(row.kind) ? ACTION_KINDS[row.kind] : undefined;

export function actionTitle(row: RemediationActionRow): string {
  const kind = kindOf(row);
  return `${kind?.title ?? row.kind} ${userText(row.target_label)} in ${userText(row.workspace_name)}`;
}

function approvalsText(row: RemediationActionRow, approvals: RemediationActionApprovalRow[]): string {
  const approved = approvals.filter((a) => a.decision === 'approve');
  const by = approved.map((a) => `${actorText(a.approver)} at ${formatTime(a.decided_at)}`).join(', ');
  return `${approved.length} of ${row.min_approvals}${by ? `: ${by}` : ''}`;
}

export function actionStatus(row: RemediationActionRow): string {
  const outcome = (row.outcome ?? {}) as ActionOutcome;
  switch (row.state) {
    case 'pending':
      return `Waiting for approval until ${formatTime(row.approval_deadline)}`;
    case 'approved':
      return `Approved by ${actorText(row.decided_by)}: about to run`;
    case 'executing':
      return row.last_error
        ? `Running: sent to Databricks; retrying after: ${userText(row.last_error)}`
        : 'Running: the change is being sent to Databricks and read back';
    case 'succeeded':
      return `Done and verified at ${formatTime(row.finished_at!)}: ${userText(outcome.summary ?? '')}`;
    case 'failed':
      return outcome.refused === 'already'
        ? `Not executed: ${userText(row.last_error ?? '')}`
        : `Failed: ${userText(row.last_error ?? 'unknown error')}`;
    case 'denied':
      return `Denied by ${actorText(row.decided_by)}${row.deny_reason ? `: ${userText(row.deny_reason)}` : ''}`;
    case 'expired':
      return 'Expired: nobody approved it in time';
  }
}

function buttons(row: RemediationActionRow): MessageAction[] {
  if (row.state === 'pending') {
    return [
      { id: ACTION_BUTTONS.approve, label: 'Approve', value: row.id, style: 'primary' },
      { id: ACTION_BUTTONS.deny, label: 'Deny', value: row.id, style: 'danger' },
    ];
  }
  const undo = kindOf(row)?.undo;
  if (
    row.state === 'succeeded' &&
    undo &&
    row.undone_by_action_id === null &&
    row.undoes_action_id === null
  ) {
    const title = ACTION_KINDS[undo].title;
    return [
      {
        id: ACTION_BUTTONS.undo,
        label: `Undo: ${title.toLowerCase()}`,
        value: row.id,
        confirm: {
          title: `${title}?`,
          text: `This asks for \`${undo}\` on ${row.target_label}, under the same approval rules.`,
          goAhead: title,
        },
      },
    ];
  }
  return [];
}

/** The action as every posted copy shows it now: live state when requested, the change, approvals, outcome. */
export function actionMessage(
  row: RemediationActionRow,
  approvals: RemediationActionApprovalRow[],
): ChatMessage {
  const preview = previewOf(row);
  const kind = kindOf(row);
  const policy = actionPolicyOf(row);
  const fields: MessageField[] = [
    { label: 'Requested by', value: actorText(row.requester) },
    { label: kind && isAccountKind(kind) ? 'Scope' : 'Workspace', value: userText(row.workspace_name) },
    {
      label: kind ? capitalise(kind.resource) : 'Resource',
      value: `${userText(row.target_label)} (\`${userText(row.target_id)}\`)`,
    },
    { label: 'Live state when requested', value: userText(preview.summary) },
    { label: 'Will change', value: preview.change.map(userText).join('\n') },
    ...(row.reason ? [{ label: 'Reason', value: userText(row.reason) }] : []),
    {
      label: 'Approvals',
      value: row.auto_approved
        ? `auto-approved (${policy.autoApprovedBy ?? 'policy'})`
        : approvalsText(row, approvals),
    },
    { label: 'Status', value: actionStatus(row) },
  ];
  const severity: ChatMessage['severity'] =
    row.state === 'succeeded'
      ? 'success'
      : row.state === 'failed'
        ? 'critical'
        : row.state === 'pending'
          ? 'warning'
          : 'info';
  return {
    kind: 'action.request',
    title: actionTitle(row),
    severity,
    fields,
    context: [
      `Action ${row.id} · \`${row.kind}\``,
      ...(row.undoes_action_id ? [`Undoes action ${row.undoes_action_id}`] : []),
      ...(row.undone_by_action_id ? [`Undone by action ${row.undone_by_action_id}`] : []),
    ],
    actions: buttons(row),
  };
}

/** Posted in the thread of the alert or finding the action came from. */
export function actionSourceReply(row: RemediationActionRow): ChatMessage {
  return {
    kind: 'action.source_reply',
    title: `${actionTitle(row)}: ${row.state === 'succeeded' ? 'done' : row.state}`,
    severity: row.state === 'succeeded' ? 'success' : row.state === 'failed' ? 'critical' : 'info',
    body: [actionStatus(row)],
    context: [`Action ${row.id}, requested by ${actorText(row.requester)}`],
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
