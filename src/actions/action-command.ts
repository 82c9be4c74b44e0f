import { InvalidInput } from '../errors/domain-errors.js';
import { ACTION_KIND_NAMES } from './action-kind.js';
import { actionTitle, actionStatus } from './action-messages.js';
import type { RemediationActionRow } from '../db/tables/remediation-actions.js';

export interface ActionCommand {
  kind: string;
  workspace: string;
  target: string;
  reason: string;
}

export const ACTION_USAGE =
  '`action <kind> <workspace> <id> [reason…]`, kinds: ' +
  ACTION_KIND_NAMES.map((k) => `\`${k}\``).join(', ') +
  '. E.g. `action terminate-cluster finance-dev 0101-120000-abcd1234 idle all weekend`.';

/** `action terminate-cluster <workspace> <cluster> [reason…]` as typed on any platform. */
export function parseActionCommand(args: string[]): ActionCommand {
  const [kind, workspace, target, ...reason] = args;
  if (!kind || !workspace || !target)
    throw new InvalidInput(`Say which action, where and on what. Usage: ${ACTION_USAGE}`);
  return { kind: kind.toLowerCase(), workspace, target, reason: reason.join(' ') };
}

/** The ephemeral answer to the person who asked. */
export function actionRequestedText(row: RemediationActionRow): string {
  if (row.state === 'approved')
    return `${actionTitle(row)}: auto-approved, running now. I will update the card.`;
  return `${actionTitle(row)}: requested. ${actionStatus(row)}; the approvers have the card.`;
}
