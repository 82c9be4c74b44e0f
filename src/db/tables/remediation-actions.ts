import type { ColumnType, Selectable } from 'kysely';

export type RemediationActionState =
  'pending' | 'approved' | 'executing' | 'succeeded' | 'failed' | 'denied' | 'expired';

/** One requested change to a Databricks workspace, from request to verified outcome. */
export interface RemediationActionsTable {
  id: string;
  /** `terminate-cluster`, `pause-job-schedule`, … (src/actions/kinds). */
  kind: string;
  connector_id: string | null;
  workspace_url: string;
  workspace_name: string;
  /** Cluster id, warehouse id, job id, run id, endpoint name, or `<group>/<e-mail>`. */
  target_id: string;
  target_label: string;
  /** `<platform>:<id>`. */
  requester: string;
  reason: ColumnType<string, string | undefined, string>;
  state: RemediationActionState;
  min_approvals: number;
  /** The rules it was requested under (approvers, channels, timeout). */
  policy: ColumnType<unknown, string, string>;
  auto_approved: ColumnType<boolean, boolean | undefined, boolean>;
  /** What the card showed: the live state read at request time and the change. */
  preview: ColumnType<unknown, string, string>;
  source_type: string | null;
  source_id: string | null;
  undoes_action_id: string | null;
  undone_by_action_id: string | null;
  intent_token: string | null;
  intent_at: Date | null;
  intent_attempts: ColumnType<number, number | undefined, number>;
  call_started_at: Date | null;
  /** The state read back after the call (or why it failed). */
  outcome: ColumnType<unknown, string | undefined, string>;
  last_error: string | null;
  created_at: Date;
  approval_deadline: Date;
  decided_at: Date | null;
  decided_by: string | null;
  deny_reason: string | null;
  finished_at: Date | null;
  /** When the outcome was announced and its follow-ups ran; null while that is still owed. */
  followed_up_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface RemediationActionApprovalsTable {
  action_id: string;
  approver: string;
  decision: 'approve' | 'deny';
  reason: string | null;
  decided_at: Date;
}

export type RemediationActionRow = Selectable<RemediationActionsTable>;
export type RemediationActionApprovalRow = Selectable<RemediationActionApprovalsTable>;
