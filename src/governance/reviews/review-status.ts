import { actorText, formatTime } from '../../access/access-messages.js';
import type { ReviewCampaignRow } from '../../db/tables/access-governance.js';
import { userText, type ChatMessage } from '../../messages/chat-message.js';
import type { ChatUser } from '../../ports/chat-user.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { findCampaign } from './review-queries.js';
import { shortId } from './review-messages.js';
import { assertReviewAdmin } from './review-permissions.js';
import { reminderTime } from './sweep-reviews.js';

export interface GroupProgress {
  name: string;
  total: number;
  keep: number;
  remove: number;
  convert: number;
  undecided: number;
  removalsPending: number;
  removed: number;
}

export interface ReviewProgress {
  campaign: ReviewCampaignRow;
  groups: GroupProgress[];
  remindAt: Date;
}

/** A campaign's progress per group (admins and integration owners). */
export async function reviewProgress(
  deps: GovernanceDeps,
  reference: string | undefined,
  actor: ChatUser,
): Promise<ReviewProgress> {
  assertReviewAdmin(deps, actor);
  const campaign = await findCampaign(deps, reference);
  const rows = await deps.db
    .selectFrom('review_items')
    .select(['group_name', 'decision', 'removal_state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaign.id)
    .groupBy(['group_name', 'decision', 'removal_state'])
    .execute();
  const groups = new Map<string, GroupProgress>();
  for (const row of rows) {
    const group = groups.get(row.group_name) ?? {
      name: row.group_name,
      total: 0,
      keep: 0,
      remove: 0,
      convert: 0,
      undecided: 0,
      removalsPending: 0,
      removed: 0,
    };
    const n = Number(row.n);
    group.total += n;
    if (row.decision === null) group.undecided += n;
    else group[row.decision] += n;
    if (row.removal_state === 'pending') group.removalsPending += n;
    if (row.removal_state === 'removed') group.removed += n;
    groups.set(row.group_name, group);
  }
  return {
    campaign,
    groups: [...groups.values()].sort((a, b) => a.name.localeCompare(b.name)),
    remindAt: reminderTime(deps, campaign),
  };
}

const GROUPS_SHOWN = 25;

export function reviewStatusMessage(progress: ReviewProgress): ChatMessage {
  const { campaign, groups } = progress;
  const total = groups.reduce((sum, group) => sum + group.total, 0);
  const undecided = groups.reduce((sum, group) => sum + group.undecided, 0);
  const lines = groups
    .slice(0, GROUPS_SHOWN)
    .map(
      (group) =>
        `${userText(group.name)}: ${group.total - group.undecided} of ${group.total} decided ` +
        `(keep ${group.keep}, remove ${group.remove}, convert ${group.convert})` +
        `${group.removalsPending > 0 ? `, ${group.removalsPending} removal(s) in progress` : ''}`,
    );
  const more = groups.length - lines.length;
  return {
    kind: 'review.status',
    title: `Access review ${shortId(campaign.id)}: ${campaign.state === 'open' ? `${total - undecided} of ${total} decided` : 'completed'}`,
    severity: campaign.state === 'completed' ? 'success' : campaign.escalated_at ? 'warning' : 'info',
    fields: [
      { label: 'Started', value: `${formatTime(campaign.started_at)} by ${actorText(campaign.started_by)}` },
      { label: 'Due', value: formatTime(campaign.due_at) },
      {
        label: 'Reminders',
        value: campaign.reminded_at
          ? `sent ${formatTime(campaign.reminded_at)}`
          : `due ${formatTime(progress.remindAt)}`,
      },
      {
        label: 'Escalation',
        value: campaign.escalated_at ? `sent ${formatTime(campaign.escalated_at)}` : 'none',
      },
    ],
    body: lines,
    context: [
      ...(more > 0 ? [`${more} more group(s) not shown.`] : []),
      `\`review report ${shortId(campaign.id)}\` exports every decision.`,
    ],
  };
}
