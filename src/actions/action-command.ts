import { InvalidInput } from '../errors/domain-errors.js';
import { ACTION_KINDS, isActionKindName } from './action-catalog.js';
import { ACTION_KIND_NAMES, isAccountKind } from './action-kind.js';
import { removeGroupMemberTarget } from './kinds/remove-group-member.js';
import { actionTitle, actionStatus } from './action-messages.js';
import type { RemediationActionRow } from '../db/tables/remediation-actions.js';

export interface ActionCommand {
  kind: string;
  /** Empty for an account action (a group's member), which changes no workspace. */
  workspace: string;
  target: string;
  reason: string;
}

export const ACTION_USAGE =
  '`action <kind> <workspace> <id> [reason…]`, kinds: ' +
  ACTION_KIND_NAMES.map((k) => `\`${k}\``).join(', ') +
  '. E.g. `action terminate-cluster finance-dev 0101-120000-abcd1234 idle all weekend`;' +
  ' `action remove-group-member <group> <user e-mail> [reason…]` takes a standing member out of a policy group.';

/**
 * `action terminate-cluster <workspace> <cluster> [reason…]` as typed on any platform; an account
 * action names no workspace: `action remove-group-member <group> <user e-mail> [reason…]`.
 */
export function parseActionCommand(args: string[]): ActionCommand {
  const [kind, first, second, ...reason] = args;
  if (!kind || !first || !second)
    throw new InvalidInput(`Say which action, where and on what. Usage: ${ACTION_USAGE}`);
  const name = kind.toLowerCase();
  if (isActionKindName(name) && isAccountKind(ACTION_KINDS[name])) {
    return {
      kind: name,
      workspace: '',
      target: removeGroupMemberTarget(first, second),
      reason: reason.join(' '),
    };
  }
  return { kind: name, workspace: first, target: second, reason: reason.join(' ') };
}

/** The ephemeral answer to the person who asked. */
export function actionRequestedText(row: RemediationActionRow): string {
  if (row.state === 'approved')
    return `${actionTitle(row)}: auto-approved, running now. I will update the card.`;
  return `${actionTitle(row)}: requested. ${actionStatus(row)}; the approvers have the card.`;
}
