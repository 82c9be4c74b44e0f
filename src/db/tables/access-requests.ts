import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

export type AccessRequestState =
  | 'pending'
  | 'approved'
  | 'active'
  | 'expired'
  | 'revoked'
  | 'denied'
  | 'cancelled'
  | 'timed_out'
  | 'apply_failed';

type Timestamp = ColumnType<Date, Date, Date>;

export interface AccessRequestsTable {
  id: string;
  /** The short number people read and type: `AR-<number>`. */
  number: ColumnType<number, never, never>;
  group_key: string;
  databricks_group: string;
  /** The requester as `<platform>:<user id>`, e.g. `slack:U123`. */
  requester: string;
  requester_email: string;
  databricks_user_id: string;
  duration_seconds: number;
  reason: string;
  ticket_url: string | null;
  state: AccessRequestState;
  min_approvals: number;
  policy: ColumnType<unknown, string, string>;
  auto_approved: ColumnType<boolean, boolean | undefined, boolean>;
  extends_request_id: string | null;
  created_at: Timestamp;
  approval_deadline: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  deny_reason: string | null;
  databricks_group_id: string | null;
  standing_membership: ColumnType<boolean, boolean | undefined, boolean>;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  reminder_sent_at: Timestamp | null;
  revoke_requested_by: string | null;
  revoke_reason: string | null;
  ended_at: Timestamp | null;
  last_error: string | null;
  /** The chat submission it was filed from; a retry of that submission finds it. */
  submission_key: ColumnType<string | null, string | null | undefined, never>;
  /** When approvers and channels were told; null while the sweeper still has to. */
  announced_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When the grant's end was announced; null while an ended grant still has to be. */
  end_announced_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type AccessRequestRow = Selectable<AccessRequestsTable>;
export type NewAccessRequestRow = Insertable<AccessRequestsTable>;
export type AccessRequestUpdate = Updateable<AccessRequestsTable>;

export interface AccessApprovalsTable {
  request_id: string;
  approver: string;
  decision: 'approve' | 'deny';
  reason: string | null;
  decided_at: Date;
}

export type AccessApprovalRow = Selectable<AccessApprovalsTable>;

export interface PostedMessagesTable {
  id: ColumnType<number, never, never>;
  subject_type: string;
  subject_id: string;
  purpose: string;
  platform: string;
  channel: string;
  message_id: string;
  recipient: string | null;
  posted_at: ColumnType<Date, Date | undefined, never>;
}

export type PostedMessageRow = Selectable<PostedMessagesTable>;
