import type { ColumnType, Selectable } from 'kysely';
import type { FindingSeverity, TextRole } from '../../detectors/scanned-text.js';
import type { RedactedEvidence } from '../../findings/redact-evidence.js';

export interface AgentsTable {
  id: string;
  connector_id: string;
  workspace_url: string;
  /** The serving endpoint's name (or, for MLflow-only traces, the trace table's prefix). */
  name: string;
  endpoint_id: string | null;
  task: string | null;
  served_entities: ColumnType<{ entityName?: string; entityVersion?: string }[], string | undefined, string>;
  /** `catalog.schema.<prefix>_payload` */
  inference_table: string | null;
  /** `catalog.schema.<prefix>_otel_spans` */
  spans_table: string | null;
  state: ColumnType<'active' | 'gone', 'active' | 'gone' | undefined, 'active' | 'gone'>;
  /** False for a Unity Catalog model or function that no serving endpoint serves ("not served"). */
  served: ColumnType<boolean, boolean | undefined, boolean>;
  /** `registered model` or `function` for agents found in Unity Catalog; null for endpoints. */
  uc_kind: string | null;
  discovered_at: Date;
  last_seen_at: Date;
  last_scan_at: Date | null;
  last_scan_status: 'ok' | 'failed' | null;
  last_scan_detail: string | null;
  last_scan_rows: ColumnType<number, number | undefined, number>;
  /** The end of the last window read completely: the next window starts no later than it. */
  scanned_until: Date | null;
}

export interface AgentScannedRowsTable {
  agent_id: string;
  source: 'inference' | 'spans';
  row_key: string;
  event_at: Date;
}

export type FindingState = 'open' | 'acknowledged' | 'snoozed' | 'muted' | 'false_positive';

export interface SecurityFindingsTable {
  id: string;
  fingerprint: string;
  agent_id: string;
  detector: string;
  rule: string;
  severity: FindingSeverity;
  role: TextRole;
  evidence: ColumnType<RedactedEvidence, string, string>;
  state: ColumnType<FindingState, FindingState | undefined, FindingState>;
  snoozed_until: Date | null;
  count: ColumnType<number, number | undefined, number>;
  first_seen_at: Date;
  last_seen_at: Date;
  first_trace_id: string | null;
  last_trace_id: string | null;
  last_request_id: string | null;
  /** Who made the request the finding was last seen in (inference `requester`, MLflow trace user). */
  last_requester: ColumnType<string | null, string | null | undefined, string | null>;
  /** The count the posted message shows; below `count` means the message needs an update. */
  announced_count: ColumnType<number, number | undefined, number>;
  announced_at: Date | null;
  state_changed_by: string | null;
  state_changed_at: Date | null;
}

export interface FindingAllowListTable {
  id: ColumnType<number, never, never>;
  agent_id: string;
  detector: string;
  fingerprint: string;
  created_by: string;
  created_at: Date;
}

export interface FindingRuleMutesTable {
  agent_id: string;
  detector: string;
  rule: string;
  muted_by: string;
  muted_at: Date;
}

export type AgentRow = Selectable<AgentsTable>;
export type SecurityFindingRow = Selectable<SecurityFindingsTable>;
