import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import type { SecurityFindingRow } from '../db/tables/agent-security.js';
import { refreshFindingCopies } from './announce-findings.js';
import type { FindingDeps } from './finding-deps.js';
import { changeFindingState, findFinding } from './finding-state-change.js';

/**
 * Mutes the finding's rule for its agent: later scans do not record that rule's hits for the
 * agent, and the agent's other open findings of the rule are muted with it.
 */
export async function muteFindingRule(
  deps: FindingDeps,
  findingId: string,
  actor: ChatUser,
): Promise<SecurityFindingRow> {
  const finding = await findFinding(deps, findingId);
  const now = deps.clock.now();
  await deps.db
    .insertInto('finding_rule_mutes')
    .values({
      agent_id: finding.agent_id,
      detector: finding.detector,
      rule: finding.rule,
      muted_by: formatChatUser(actor),
      muted_at: now,
    })
    .onConflict((oc) => oc.columns(['agent_id', 'detector', 'rule']).doNothing())
    .execute();
  const muted = await changeFindingState(deps, {
    findingId,
    actor,
    from: ['open', 'acknowledged', 'snoozed'],
    to: 'muted',
    action: 'finding.rule_muted',
  });
  const siblings = await deps.db
    .updateTable('security_findings')
    .set({
      state: 'muted',
      state_changed_by: formatChatUser(actor),
      state_changed_at: now,
      snoozed_until: null,
    })
    .where('agent_id', '=', finding.agent_id)
    .where('detector', '=', finding.detector)
    .where('rule', '=', finding.rule)
    .where('state', 'in', ['open', 'acknowledged', 'snoozed'])
    .returning('id')
    .execute();
  await refreshFindingCopies(
    deps,
    siblings.map((row) => row.id),
  );
  return muted;
}
