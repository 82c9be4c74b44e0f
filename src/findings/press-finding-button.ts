import type { SecurityFindingRow } from '../db/tables/agent-security.js';
import { sameUser } from '../access/policy/policy-decisions.js';
import { AccessDenied, InvalidInput } from '../errors/domain-errors.js';
import type { ChatUser } from '../ports/chat-user.js';
import { acknowledgeFinding } from './acknowledge-finding.js';
import type { FindingDeps } from './finding-deps.js';
import { FINDING_ACTIONS, SNOOZE_SECONDS, formatTime } from './finding-messages.js';
import { markFalsePositive } from './mark-false-positive.js';
import { muteFindingRule } from './mute-finding-rule.js';
import { snoozeFinding } from './snooze-finding.js';

export const FINDING_ACTION_IDS: readonly string[] = Object.values(FINDING_ACTIONS);

/** One of a finding card's buttons, on either platform: runs the use case and says what it did. */
export async function pressFindingButton(
  deps: FindingDeps,
  actionId: string,
  findingId: string,
  actor: ChatUser,
): Promise<{ finding: SecurityFindingRow; text: string }> {
  if (actionId === FINDING_ACTIONS.acknowledge) {
    return { finding: await acknowledgeFinding(deps, findingId, actor), text: 'Finding acknowledged.' };
  }
  const snooze = SNOOZE_SECONDS[actionId];
  if (snooze !== undefined) {
    const finding = await snoozeFinding(deps, findingId, actor, snooze);
    return { finding, text: `Finding snoozed until ${formatTime(finding.snoozed_until!)}.` };
  }
  if (actionId === FINDING_ACTIONS.muteRule || actionId === FINDING_ACTIONS.falsePositive) {
    assertSecurityResponder(deps, actor);
  }
  if (actionId === FINDING_ACTIONS.muteRule) {
    const finding = await muteFindingRule(deps, findingId, actor);
    return { finding, text: `Rule ${finding.detector}/${finding.rule} muted for this agent.` };
  }
  if (actionId === FINDING_ACTIONS.falsePositive) {
    return {
      finding: await markFalsePositive(deps, findingId, actor),
      text: 'Marked as a false positive: this value is allow-listed for the agent and will not be reported again.',
    };
  }
  throw new InvalidInput('That button is not one I know any more.');
}

/**
 * Muting a rule and marking a false positive allow-list future findings, so only security
 * responders (SECURITY_RESPONDERS_SLACK / SECURITY_RESPONDERS_TEAMS) and admins may press them.
 */
function assertSecurityResponder(deps: FindingDeps, actor: ChatUser): void {
  if (deps.responders.some((responder) => sameUser(responder, actor))) return;
  throw new AccessDenied(
    'Only security responders or admins can mute a rule or mark a false positive, because it hides future findings. Acknowledge or snooze it instead, or ask a security responder.',
  );
}
