import type { AgentRow } from '../db/tables/agent-security.js';
import type { AgentPolicy } from '../detectors/policy/agent-policy.js';
import { scanText } from '../detectors/scan-text.js';
import { fingerprint } from '../findings/fingerprint.js';
import {
  findingFiltersOf,
  passesFilters,
  recordFindings,
  type FindingOccurrence,
} from '../findings/record-findings.js';
import { redactEvidence } from '../findings/redact-evidence.js';
import type { WorkspaceApi } from '../ports/databricks-workspace.js';
import type { AgentScanDeps } from './agent-scan-deps.js';
import { readInferenceWindow, readSpansWindow, type TraceRecord, type TraceSource } from './trace-records.js';

export interface AgentScanResult {
  rows: number;
  scanned: number;
  newFindings: number;
}

/** Fingerprinted, redacted occurrences in one record; the raw values do not leave this function. */
export async function occurrencesIn(
  record: TraceRecord,
  agentId: string,
  policy: AgentPolicy,
  key: Buffer,
  deps: Pick<AgentScanDeps, 'config'>,
): Promise<FindingOccurrence[]> {
  const found: FindingOccurrence[] = [];
  for (const text of record.texts) {
    const scan = await scanText(text, { policy, defaultCountry: deps.config.phoneRegion });
    for (const detection of scan.detections) {
      const { start: _start, end: _end, identity, ...described } = detection;
      found.push({
        fingerprint: fingerprint(key, {
          agentId,
          detector: detection.detector,
          rule: detection.rule,
          identity,
        }),
        detection: described,
        evidence: redactEvidence(text.text, detection, scan.sensitiveRanges),
        traceId: record.traceId,
        requestId: record.requestId,
        seenAt: record.eventAt,
      });
    }
  }
  return found;
}

/** Keys of these records not scanned yet (a cheap check before spending CPU on detectors). */
async function unscanned(deps: AgentScanDeps, agentId: string, source: TraceSource, records: TraceRecord[]) {
  if (records.length === 0) return records;
  const seen = await deps.db
    .selectFrom('agent_scanned_rows')
    .select('row_key')
    .where('agent_id', '=', agentId)
    .where('source', '=', source)
    .where(
      'row_key',
      'in',
      records.map((r) => r.key),
    )
    .execute();
  const done = new Set(seen.map((row) => row.row_key));
  const unique = new Map(records.filter((r) => !done.has(r.key)).map((r) => [r.key, r]));
  return [...unique.values()];
}

/**
 * Reads the agent's trace tables over the window and records what the detectors find. Each
 * batch claims its row keys and records its findings in one transaction, so a row is scanned
 * once even when windows overlap, two scans run at once, or a cycle dies half way (the next
 * cycle picks up the rows it had not claimed).
 */
export async function scanAgent(
  deps: AgentScanDeps,
  target: { api: WorkspaceApi; warehouseId: string; agent: AgentRow; policy: AgentPolicy; since: Date },
): Promise<AgentScanResult> {
  const { agent } = target;
  const key = deps.fingerprintKey!;
  const filters = await findingFiltersOf(deps.db, agent.id);
  const result: AgentScanResult = { rows: 0, scanned: 0, newFindings: 0 };
  const onBatch = (source: TraceSource) => async (records: TraceRecord[]) => {
    const fresh = await unscanned(deps, agent.id, source, records);
    const occurrences = new Map<string, FindingOccurrence[]>();
    for (const record of fresh) {
      const found = await occurrencesIn(record, agent.id, target.policy, key, deps);
      occurrences.set(
        record.key,
        found.filter((occurrence) => passesFilters(occurrence, filters)),
      );
    }
    if (fresh.length === 0) return;
    await deps.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('agent_scanned_rows')
        .values(fresh.map((r) => ({ agent_id: agent.id, source, row_key: r.key, event_at: r.eventAt })))
        .onConflict((oc) => oc.columns(['agent_id', 'source', 'row_key']).doNothing())
        .returning('row_key')
        .execute();
      const mine = claimed.flatMap((row) => occurrences.get(row.row_key) ?? []);
      result.scanned += claimed.length;
      result.newFindings += await recordFindings(trx, agent.id, mine);
    });
  };
  const read = {
    api: target.api,
    warehouseId: target.warehouseId,
    since: target.since,
    batchRows: deps.config.batchRows,
  };
  if (agent.inference_table) {
    result.rows += await readInferenceWindow({
      ...read,
      table: agent.inference_table,
      onBatch: onBatch('inference'),
    });
  }
  if (agent.spans_table) {
    result.rows += await readSpansWindow({ ...read, table: agent.spans_table, onBatch: onBatch('spans') });
  }
  return result;
}
