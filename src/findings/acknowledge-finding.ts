import type { SecurityFindingRow } from '../db/tables/agent-security.js';
import type { ChatUser } from '../ports/chat-user.js';
import type { FindingDeps } from './finding-deps.js';
import { changeFindingState } from './finding-state-change.js';

/** Someone is on it: the finding stays listed, its card shows who acknowledged it. */
export function acknowledgeFinding(
  deps: FindingDeps,
  findingId: string,
  actor: ChatUser,
): Promise<SecurityFindingRow> {
  return changeFindingState(deps, {
    findingId,
    actor,
    from: ['open', 'snoozed'],
    to: 'acknowledged',
    action: 'finding.acknowledged',
  });
}
