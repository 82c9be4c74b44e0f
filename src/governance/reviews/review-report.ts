import type { ReviewCampaignRow } from '../../db/tables/access-governance.js';
import type { Db } from '../../db/database.js';

/** One decision (or its absence) on one standing member, as auditors get it. */
export interface ReviewReportRow {
  campaign_id: string;
  item_id: string;
  group: string;
  group_id: string;
  member_id: string;
  member: string;
  member_type: string;
  decision: string;
  decided_by: string;
  decided_at: string;
  removal: string;
  removed_at: string;
  /** The audit event that recorded the decision. */
  audit_event_id: string;
}

export interface ReviewReport {
  campaign: {
    id: string;
    scope: string;
    started_by: string;
    started_at: string;
    due_at: string;
    state: string;
    completed_at: string | null;
  };
  rows: ReviewReportRow[];
}

/** Every item of a campaign with its decision, removal and the audit event behind it. */
export async function reviewReport(db: Db, campaign: ReviewCampaignRow): Promise<ReviewReport> {
  const items = await db
    .selectFrom('review_items')
    .selectAll()
    .where('campaign_id', '=', campaign.id)
    .orderBy('group_name')
    .orderBy('member_display')
    .orderBy('member_id')
    .execute();
  const events = await db
    .selectFrom('audit_events')
    .select(['id', 'subject_id'])
    .where('subject_type', '=', 'review_item')
    .where('action', '=', 'review.decided')
    .where('subject_id', 'in', items.length > 0 ? items.map((item) => item.id) : [''])
    .execute();
  const eventOf = new Map(events.map((event) => [event.subject_id, String(event.id)]));
  return {
    campaign: {
      id: campaign.id,
      scope: campaign.scope,
      started_by: campaign.started_by,
      started_at: campaign.started_at.toISOString(),
      due_at: campaign.due_at.toISOString(),
      state: campaign.state,
      completed_at: campaign.completed_at?.toISOString() ?? null,
    },
    rows: items.map((item) => ({
      campaign_id: item.campaign_id,
      item_id: item.id,
      group: item.group_name,
      group_id: item.databricks_group_id,
      member_id: item.member_id,
      member: item.member_display,
      member_type: item.member_type,
      decision: item.decision ?? 'undecided',
      decided_by: item.decided_by ?? '',
      decided_at: item.decided_at?.toISOString() ?? '',
      removal: item.removal_state ?? '',
      removed_at: item.removed_at?.toISOString() ?? '',
      audit_event_id: eventOf.get(item.id) ?? '',
    })),
  };
}

const COLUMNS: (keyof ReviewReportRow)[] = [
  'campaign_id',
  'item_id',
  'group',
  'group_id',
  'member_id',
  'member',
  'member_type',
  'decision',
  'decided_by',
  'decided_at',
  'removal',
  'removed_at',
  'audit_event_id',
];

/** RFC 4180 CSV; a cell a spreadsheet would run as a formula is prefixed with `'`. */
export function reportCsv(report: ReviewReport): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [
    COLUMNS.join(','),
    ...report.rows.map((row) => COLUMNS.map((column) => cell(row[column])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function reportJson(report: ReviewReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
