import type { RemediationActionRow } from '../db/tables/remediation-actions.js';
import { formatChatUser, parseChatUser } from '../ports/chat-user.js';
import { sameUser } from '../access/policy/policy-decisions.js';
import type { ActionDeps } from './action-deps.js';
import { ACTION_BUTTONS, actionMessage, actionSourceReply } from './action-messages.js';
import { approvalsOfAction } from './action-queries.js';
import { actionApproversOf, actionPolicyOf } from './action-snapshot.js';

export const actionSubject = (row: Pick<RemediationActionRow, 'id'>) => ({
  type: 'remediation_action',
  id: row.id,
});

const DECISIONS = new Set<string>([ACTION_BUTTONS.approve, ACTION_BUTTONS.deny]);

/** Where the posted copies of the source of an action live (an alert's, a finding's). */
const SOURCE_PURPOSE: Record<string, string> = { cost_alert: 'alert', security_finding: 'finding' };

/** The approval card to every approver (not the requester) and approval channel; once per copy. */
export async function notifyActionApprovers(deps: ActionDeps, row: RemediationActionRow): Promise<void> {
  const message = actionMessage(row, await approvalsOfAction(deps.db, row.id));
  const requester = parseChatUser(row.requester);
  for (const approver of actionApproversOf(row)) {
    if (sameUser(approver, requester)) continue;
    const recipient = formatChatUser(approver);
    await deps.outbox.send({
      key: `action:${row.id}:approval:${recipient}`,
      to: { user: approver },
      message,
      about: { subject: actionSubject(row), purpose: 'approval', recipient },
    });
  }
  for (const channel of actionPolicyOf(row).approvalChannels) {
    await deps.outbox.send({
      key: `action:${row.id}:approval:${channel.platform}-channel:${channel.id}`,
      to: { channel },
      message,
      about: { subject: actionSubject(row), purpose: 'approval' },
    });
  }
}

/**
 * Every copy shows the action's current state: the requester's card (sent once), the approval
 * cards, and a reply in the thread of the alert or finding it came from, once per state.
 */
export async function announceAction(deps: ActionDeps, row: RemediationActionRow): Promise<void> {
  const message = actionMessage(row, await approvalsOfAction(deps.db, row.id));
  // The requester's own copy never offers Approve or Deny.
  const own = { ...message, actions: (message.actions ?? []).filter((a) => !DECISIONS.has(a.id)) };
  await deps.outbox.send({
    key: `action:${row.id}:requester`,
    to: { user: parseChatUser(row.requester) },
    message: own,
    about: { subject: actionSubject(row), purpose: 'requester', recipient: row.requester },
  });
  await deps.outbox.updateCopies(actionSubject(row), 'requester', own);
  await deps.outbox.updateCopies(actionSubject(row), 'approval', message);
  const purpose = row.source_type ? SOURCE_PURPOSE[row.source_type] : undefined;
  if (purpose && row.source_id && ['approved', 'succeeded', 'failed', 'denied'].includes(row.state)) {
    await deps.outbox.replyInThreads(
      `action:${row.id}:source:${row.state}`,
      { type: row.source_type!, id: row.source_id },
      purpose,
      actionSourceReply(row),
    );
  }
}
