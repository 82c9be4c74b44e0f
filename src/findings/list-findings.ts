import { InvalidInput } from '../errors/domain-errors.js';
import { SEVERITIES, severityRank, type FindingSeverity } from '../detectors/scanned-text.js';
import type { ChatMessage } from '../messages/chat-message.js';
import { userText } from '../messages/chat-message.js';
import type { FindingDeps } from './finding-deps.js';
import { evidenceSummary, formatTime } from './finding-messages.js';
import { ROLE_LABELS } from '../detectors/scanned-text.js';

export interface FindingsQuery {
  agent?: string;
  /** Minimum severity. */
  severity?: FindingSeverity;
}

/** `findings [agent] [severity]`: a word that is a severity is the minimum, any other the agent. */
export function parseFindingsQuery(words: readonly string[]): FindingsQuery {
  const query: FindingsQuery = {};
  for (const word of words) {
    const lower = word.toLowerCase();
    if ((SEVERITIES as readonly string[]).includes(lower)) query.severity = lower as FindingSeverity;
    else if (query.agent === undefined) query.agent = word;
    else throw new InvalidInput('Usage: `findings [agent] [low|medium|high|critical]`');
  }
  return query;
}

const LIMIT = 20;

/** Open findings (open, acknowledged, or snoozed past their end), most severe and recent first. */
export async function listOpenFindings(deps: FindingDeps, query: FindingsQuery): Promise<ChatMessage> {
  const now = deps.clock.now();
  let select = deps.db
    .selectFrom('security_findings as f')
    .innerJoin('agents as a', 'a.id', 'f.agent_id')
    .select(['f.id', 'f.severity', 'f.detector', 'f.rule', 'f.role', 'f.count', 'f.last_seen_at', 'f.state'])
    .select(['f.evidence', 'a.name as agent'])
    .where((eb) =>
      eb.or([
        eb('f.state', 'in', ['open', 'acknowledged']),
        eb.and([eb('f.state', '=', 'snoozed'), eb('f.snoozed_until', '<=', now)]),
      ]),
    );
  if (query.agent)
    select = select.where((eb) => eb(eb.fn('lower', ['a.name']), '=', query.agent!.toLowerCase()));
  if (query.severity) {
    select = select.where(
      'f.severity',
      'in',
      SEVERITIES.filter((s) => severityRank(s) >= severityRank(query.severity!)),
    );
  }
  const rows = (await select.orderBy('f.last_seen_at', 'desc').limit(500).execute()).sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || +b.last_seen_at - +a.last_seen_at,
  );
  const scope = [
    query.agent ? `agent ${query.agent}` : '',
    query.severity ? `${query.severity} and above` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    kind: 'security.findings',
    title:
      rows.length === 0
        ? `No open findings${scope ? ` (${scope})` : ''}`
        : `Open findings${scope ? ` (${scope})` : ''}: ${rows.length}`,
    body: rows
      .slice(0, LIMIT)
      .map(
        (row) =>
          `${row.severity} · ${userText(row.agent)} · ${row.detector}/${row.rule} in ${ROLE_LABELS[row.role]} · ${userText(
            evidenceSummary(row.evidence),
          )} · seen ${row.count}×, last ${formatTime(row.last_seen_at)}${row.state === 'acknowledged' ? ' · acknowledged' : ''} · \`${row.id}\``,
      ),
    context:
      rows.length > LIMIT
        ? [`Showing ${LIMIT} of ${rows.length}. Narrow it with an agent or a severity.`]
        : [],
  };
}
