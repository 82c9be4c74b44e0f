import type { AgentRow, SecurityFindingRow } from '../db/tables/agent-security.js';
import type { Outbox } from '../messages/outbox.js';
import { publishAlert } from '../subscriptions/publish-alert.js';
import { FINDING_PURPOSE, findingSubject, type FindingDeps } from './finding-deps.js';
import { chatSeverity, findingMessage, findingRepeatReply } from './finding-messages.js';

/** An outbox that files every copy it posts under the finding, so `updateCopies` can edit it later. */
function filedUnder(outbox: Outbox, findingId: string): Outbox {
  return {
    send: (message) =>
      outbox.send({ ...message, about: { subject: findingSubject(findingId), purpose: FINDING_PURPOSE } }),
    updateCopies: (subject, purpose, message) => outbox.updateCopies(subject, purpose, message),
    replyInThreads: (key, subject, purpose, message) => outbox.replyInThreads(key, subject, purpose, message),
  };
}

type FindingWithAgent = { finding: SecurityFindingRow; agent: AgentRow; workspace: string };

async function findingsWithAgents(
  deps: FindingDeps,
  where: (query: ReturnType<typeof baseQuery>) => ReturnType<typeof baseQuery>,
): Promise<FindingWithAgent[]> {
  const rows = await where(baseQuery(deps)).execute();
  const agents = new Map<string, { agent: AgentRow; workspace: string }>();
  for (const row of rows) {
    if (agents.has(row.agent_id)) continue;
    const agent = await deps.db
      .selectFrom('agents')
      .selectAll()
      .where('id', '=', row.agent_id)
      .executeTakeFirstOrThrow();
    const connector = await deps.db
      .selectFrom('connectors')
      .select('name')
      .where('id', '=', agent.connector_id)
      .executeTakeFirst();
    agents.set(row.agent_id, { agent, workspace: connector?.name ?? agent.workspace_url });
  }
  return rows.map((finding) => ({ finding, ...agents.get(finding.agent_id)! }));
}

function baseQuery(deps: FindingDeps) {
  return deps.db.selectFrom('security_findings').selectAll().orderBy('first_seen_at').limit(200);
}

/**
 * Tells `security` subscribers about findings: one message per new finding (medium and above;
 * low ones wait for the daily digest). When a finding was seen again, the posted card's count is
 * edited and a short reply goes in the card's thread, so repeats notify the people following it
 * without flooding the channel. Snoozes that ended reopen
 * their finding. Idempotent: an outbox key per finding and channel, conditional updates.
 */
export async function announceFindings(deps: FindingDeps): Promise<{ posted: number; updated: number }> {
  const now = deps.clock.now();
  const woken = await deps.db
    .updateTable('security_findings')
    .set({ state: 'open' })
    .where('state', '=', 'snoozed')
    .where('snoozed_until', '<=', now)
    .returning('id')
    .execute();
  const fresh = await findingsWithAgents(deps, (q) =>
    q.where('announced_at', 'is', null).where('state', '=', 'open').where('severity', '!=', 'low'),
  );
  for (const { finding, agent, workspace } of fresh) {
    await publishAlert(
      { ...deps.subscriptions, outbox: filedUnder(deps.subscriptions.outbox, finding.id) },
      {
        topic: 'security',
        key: `finding:${finding.id}`,
        message: findingMessage(finding, agent, now),
        attributes: { workspace, severity: chatSeverity(finding.severity) },
      },
    );
    await deps.db
      .updateTable('security_findings')
      .set({ announced_at: now, announced_count: finding.count })
      .where('id', '=', finding.id)
      .where('announced_at', 'is', null)
      .execute();
  }
  const wokenIds = woken.map((row) => row.id);
  const repeated = await findingsWithAgents(deps, (q) =>
    q
      .where('announced_at', 'is not', null)
      .where('severity', '!=', 'low')
      .where((eb) =>
        eb.or([
          eb.and([eb('state', 'in', ['open', 'acknowledged']), eb('count', '>', eb.ref('announced_count'))]),
          ...(wokenIds.length > 0 ? [eb('id', 'in', wokenIds)] : []),
        ]),
      ),
  );
  for (const { finding, agent } of repeated) {
    const subject = findingSubject(finding.id);
    await deps.outbox.updateCopies(subject, FINDING_PURPOSE, findingMessage(finding, agent, now));
    if (finding.count > finding.announced_count) {
      await deps.outbox.replyInThreads(
        `finding:${finding.id}:seen:${finding.count}`,
        subject,
        FINDING_PURPOSE,
        findingRepeatReply(finding, finding.announced_count, now),
      );
    }
    await deps.db
      .updateTable('security_findings')
      .set({ announced_count: finding.count })
      .where('id', '=', finding.id)
      .where('announced_count', '<', finding.count)
      .execute();
  }
  if (fresh.length + repeated.length > 0) {
    deps.log.info({ posted: fresh.length, updated: repeated.length }, 'findings announced');
  }
  return { posted: fresh.length, updated: repeated.length };
}

/** Brings every posted copy of these findings up to date (after a button changed their state). */
export async function refreshFindingCopies(deps: FindingDeps, findingIds: readonly string[]): Promise<void> {
  if (findingIds.length === 0) return;
  const now = deps.clock.now();
  for (const { finding, agent } of await findingsWithAgents(deps, (q) =>
    q.where('id', 'in', [...findingIds]),
  )) {
    await deps.outbox.updateCopies(
      findingSubject(finding.id),
      FINDING_PURPOSE,
      findingMessage(finding, agent, now),
    );
  }
}
