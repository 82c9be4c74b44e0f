import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db/database.js';
import type { Detection } from '../detectors/scanned-text.js';
import { severityRank } from '../detectors/scanned-text.js';
import type { RedactedEvidence } from './redact-evidence.js';

/** One detection ready to store: fingerprinted and redacted; the value itself is gone. */
export interface FindingOccurrence {
  fingerprint: string;
  detection: Omit<Detection, 'start' | 'end' | 'identity'>;
  evidence: RedactedEvidence;
  traceId: string | null;
  requestId: string | null;
  requester?: string | null;
  seenAt: Date;
}

/** What stops a detection from being recorded for an agent: muted rules and allow-listed fingerprints. */
export interface FindingFilters {
  mutedRules: Set<string>;
  allowedFingerprints: Set<string>;
}

export const ruleKey = (detector: string, rule: string) => `${detector}/${rule}`;

export async function findingFiltersOf(db: Db, agentId: string): Promise<FindingFilters> {
  const [mutes, allowed] = await Promise.all([
    db
      .selectFrom('finding_rule_mutes')
      .select(['detector', 'rule'])
      .where('agent_id', '=', agentId)
      .execute(),
    db.selectFrom('finding_allow_list').select('fingerprint').where('agent_id', '=', agentId).execute(),
  ]);
  return {
    mutedRules: new Set(mutes.map((m) => ruleKey(m.detector, m.rule))),
    allowedFingerprints: new Set(allowed.map((a) => a.fingerprint)),
  };
}

export function passesFilters(occurrence: FindingOccurrence, filters: FindingFilters): boolean {
  const { detector, rule } = occurrence.detection;
  return (
    !filters.mutedRules.has(ruleKey(detector, rule)) &&
    !filters.allowedFingerprints.has(occurrence.fingerprint)
  );
}

interface Group {
  first: FindingOccurrence;
  last: FindingOccurrence;
  traces: Set<string>;
  severity: Detection['severity'];
}

/**
 * Records occurrences for one agent in the caller's transaction: a new fingerprint is a new
 * finding; a known one counts one more per trace it was seen in (the same trace seen again,
 * e.g. its spans read in two batches, does not count twice). Returns how many findings are new.
 */
export async function recordFindings(
  trx: Transaction<Database>,
  agentId: string,
  occurrences: readonly FindingOccurrence[],
): Promise<number> {
  const groups = new Map<string, Group>();
  for (const occurrence of occurrences) {
    const group = groups.get(occurrence.fingerprint);
    const trace = occurrence.traceId ?? occurrence.requestId ?? randomUUID();
    if (!group) {
      groups.set(occurrence.fingerprint, {
        first: occurrence,
        last: occurrence,
        traces: new Set([trace]),
        severity: occurrence.detection.severity,
      });
      continue;
    }
    group.traces.add(trace);
    if (occurrence.seenAt >= group.last.seenAt) group.last = occurrence;
    if (severityRank(occurrence.detection.severity) > severityRank(group.severity)) {
      group.severity = occurrence.detection.severity;
    }
  }
  let created = 0;
  for (const [fingerprint, group] of groups) {
    const { first, last } = group;
    const firstTrace = first.traceId ?? first.requestId;
    const row = await trx
      .insertInto('security_findings')
      .values({
        id: randomUUID(),
        fingerprint,
        agent_id: agentId,
        detector: first.detection.detector,
        rule: first.detection.rule,
        severity: group.severity,
        role: first.detection.role,
        evidence: JSON.stringify(first.evidence),
        count: group.traces.size,
        first_seen_at: first.seenAt,
        last_seen_at: last.seenAt,
        first_trace_id: firstTrace,
        last_trace_id: last.traceId ?? last.requestId,
        last_request_id: last.requestId,
        last_requester: last.requester ?? null,
      })
      .onConflict((oc) =>
        oc.column('fingerprint').doUpdateSet({
          // The first trace of this batch may be the one the finding last counted.
          count: sql`security_findings.count + ${group.traces.size} - (case when security_findings.last_trace_id = ${firstTrace ?? ''} then 1 else 0 end)`,
          last_seen_at: sql`greatest(security_findings.last_seen_at, excluded.last_seen_at)`,
          last_trace_id: sql`excluded.last_trace_id`,
          last_request_id: sql`excluded.last_request_id`,
          last_requester: sql`excluded.last_requester`,
        }),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .executeTakeFirstOrThrow();
    if (row.inserted) created++;
  }
  return created;
}
