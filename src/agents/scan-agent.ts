import type { AgentRow } from '../db/tables/agent-security.js';
import type { AgentPolicy } from '../detectors/policy/agent-policy.js';
import { scanOnEveryCore } from '../detectors/scan-pool.js';
import type { TextScan } from '../detectors/scanned-text.js';
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

/**
 * Fingerprinted, redacted occurrences in a batch of records, one list per record; every text of
 * the batch is scanned in one `scanBatch` call (secretlint runs once per batch, not per text),
 * split over every core when the batch is big.
 * The raw values do not leave this function.
 */
export async function occurrencesInRecords(
  records: readonly TraceRecord[],
  agentId: string,
  policy: AgentPolicy,
  key: Buffer,
  deps: Pick<AgentScanDeps, 'config'>,
): Promise<FindingOccurrence[][]> {
  const texts = records.flatMap((record) => record.texts);
  const scans = await scanOnEveryCore(texts, {
    policy,
    defaultCountry: deps.config.phoneRegion,
    ...(deps.config.injectionClassifier ? { injectionClassifier: deps.config.injectionClassifier } : {}),
  });
  let next = 0;
  return records.map((record) => {
    const mine = scans.slice(next, next + record.texts.length);
    next += record.texts.length;
    return occurrencesOf(record, mine, agentId, key);
  });
}

/** Occurrences in one record (see `occurrencesInRecords` for a batch). */
export async function occurrencesIn(
  record: TraceRecord,
  agentId: string,
  policy: AgentPolicy,
  key: Buffer,
  deps: Pick<AgentScanDeps, 'config'>,
): Promise<FindingOccurrence[]> {
  return (await occurrencesInRecords([record], agentId, policy, key, deps))[0]!;
}

function occurrencesOf(
  record: TraceRecord,
  scans: TextScan[],
  agentId: string,
  key: Buffer,
): FindingOccurrence[] {
  const found: FindingOccurrence[] = [];
  record.texts.forEach((text, i) => {
    const scan = scans[i]!;
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
        requester: record.requester,
        seenAt: record.eventAt,
      });
    }
  });
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
    const found = await occurrencesInRecords(fresh, agent.id, target.policy, key, deps);
    fresh.forEach((record, i) => {
      occurrences.set(
        record.key,
        found[i]!.filter((occurrence) => passesFilters(occurrence, filters)),
      );
    });
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
