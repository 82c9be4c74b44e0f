import type { ChatMessage } from '../messages/chat-message.js';
import { userText } from '../messages/chat-message.js';
import { ROLE_LABELS } from '../detectors/scanned-text.js';
import { publishAlert } from '../subscriptions/publish-alert.js';
import type { FindingDeps } from './finding-deps.js';
import { evidenceSummary } from './finding-messages.js';

const MAX_LINES = 40;

/**
 * The daily digest of low-severity findings (new or seen again since the last digest), one
 * message per workspace, to `security` subscribers. Idempotent per workspace and day.
 */
export async function sendFindingDigest(deps: FindingDeps): Promise<number> {
  const now = deps.clock.now();
  const rows = await deps.db
    .selectFrom('security_findings as f')
    .innerJoin('agents as a', 'a.id', 'f.agent_id')
    .innerJoin('connectors as c', 'c.id', 'a.connector_id')
    .selectAll('f')
    .select(['a.name as agent', 'c.name as workspace', 'c.id as connector_id'])
    .where('f.severity', '=', 'low')
    .where('f.state', 'in', ['open', 'acknowledged'])
    .where((eb) => eb('f.count', '>', eb.ref('f.announced_count')))
    .orderBy('f.last_seen_at', 'desc')
    .execute();
  const byWorkspace = new Map<string, typeof rows>();
  for (const row of rows)
    byWorkspace.set(row.connector_id, [...(byWorkspace.get(row.connector_id) ?? []), row]);
  const day = now.toISOString().slice(0, 10);
  for (const [connectorId, findings] of byWorkspace) {
    const message: ChatMessage = {
      kind: 'security.digest',
      title: `Daily digest: ${findings.length} low-severity agent finding${findings.length === 1 ? '' : 's'} in ${userText(findings[0]!.workspace)}`,
      severity: 'info',
      body: findings
        .slice(0, MAX_LINES)
        .map(
          (f) =>
            `${userText(f.agent)} · ${f.detector}/${f.rule} in ${ROLE_LABELS[f.role]} · ${userText(evidenceSummary(f.evidence))} · seen ${f.count}×`,
        ),
      context: [
        ...(findings.length > MAX_LINES ? [`and ${findings.length - MAX_LINES} more`] : []),
        'Use `findings <agent> low` to list them.',
      ],
    };
    await publishAlert(deps.subscriptions, {
      topic: 'security',
      key: `finding-digest:${connectorId}:${day}`,
      message,
      attributes: { workspace: findings[0]!.workspace, severity: 'info' },
    });
    for (const finding of findings) {
      await deps.db
        .updateTable('security_findings')
        .set({ announced_count: finding.count, announced_at: finding.announced_at ?? now })
        .where('id', '=', finding.id)
        .execute();
    }
  }
  return rows.length;
}
