import type { SecurityFindingRow } from '../db/tables/agent-security.js';
import type { ChatUser } from '../ports/chat-user.js';
import type { FindingDeps } from './finding-deps.js';
import { changeFindingState } from './finding-state-change.js';

/**
 * Quiet for a while: repeats still count but the card is not updated until the snooze ends;
 * then the next scan reopens the finding and brings its card up to date.
 */
export function snoozeFinding(
  deps: FindingDeps,
  findingId: string,
  actor: ChatUser,
  seconds: number,
): Promise<SecurityFindingRow> {
  return changeFindingState(deps, {
    findingId,
    actor,
    from: ['open', 'acknowledged', 'snoozed'],
    to: 'snoozed',
    snoozedUntil: new Date(deps.clock.now().getTime() + seconds * 1000),
    action: 'finding.snoozed',
  });
}
