import type { AccessRequestRow } from '../../src/db/tables/access-requests.js';

/**
 * A pending request for `analysts` filed at `filedAt` by a Slack user, with two approvers (one on
 * Slack, one on Teams): the message gallery's sample, and the base of the renderer tests' rows.
 */
export function sampleAccessRequest(
  filedAt: Date,
  overrides: Partial<AccessRequestRow> = {},
): AccessRequestRow {
  return {
    id: '7b4ef7c1-8a3e-4d5a-9b1e-1c2d3e4f5a6b',
    number: 1042,
    group_key: 'analysts',
    databricks_group: 'data-analysts',
    requester: 'slack:U0REQUEST1',
    requester_email: 'riley@example.com',
    databricks_user_id: '1001',
    duration_seconds: 7200,
    reason: 'fix the nightly job',
    ticket_url: 'https://jira.example.com/OPS-1',
    state: 'pending',
    min_approvals: 2,
    policy: {
      approvers: ['slack:U0APPROVE1', 'teams:erin@example.com'],
      approvalChannels: [],
      minApprovals: 2,
      maxDurationSeconds: 28800,
      requireReason: true,
      approvalTimeoutSeconds: 86400,
      autoApproved: false,
    },
    auto_approved: false,
    extends_request_id: null,
    created_at: filedAt,
    approval_deadline: new Date(filedAt.getTime() + 24 * 3600 * 1000),
    decided_at: null,
    decided_by: null,
    deny_reason: null,
    databricks_group_id: null,
    standing_membership: false,
    starts_at: null,
    ends_at: null,
    reminder_sent_at: null,
    revoke_requested_by: null,
    revoke_reason: null,
    ended_at: null,
    last_error: null,
    submission_key: null,
    announced_at: filedAt,
    end_announced_at: null,
    ...overrides,
  };
}
