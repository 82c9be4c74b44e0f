import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import type { SecurityFindingRow } from '../db/tables/agent-security.js';
import type { FindingDeps } from './finding-deps.js';
import { changeFindingState, findFinding } from './finding-state-change.js';

/** Not a problem: the fingerprint joins the agent's allow-list, so the same value is never reported again. */
export async function markFalsePositive(
  deps: FindingDeps,
  findingId: string,
  actor: ChatUser,
): Promise<SecurityFindingRow> {
  const finding = await findFinding(deps, findingId);
  await deps.db
    .insertInto('finding_allow_list')
    .values({
      agent_id: finding.agent_id,
      detector: finding.detector,
      fingerprint: finding.fingerprint,
      created_by: formatChatUser(actor),
      created_at: deps.clock.now(),
    })
    .onConflict((oc) => oc.columns(['agent_id', 'fingerprint']).doNothing())
    .execute();
  const updated = await changeFindingState(deps, {
    findingId,
    actor,
    from: ['open', 'acknowledged', 'snoozed'],
    to: 'false_positive',
    action: 'finding.false_positive',
  });
  return updated;
}
