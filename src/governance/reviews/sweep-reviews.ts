import { recordAuditEvent } from '../../audit/record-audit-event.js';
import type { ReviewCampaignRow } from '../../db/tables/access-governance.js';
import { mention } from '../../messages/chat-message.js';
import { formatChatUser, parseChatUser } from '../../ports/chat-user.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { ownershipOf } from '../group-owners.js';
import { carryOutReviewRemovals } from './carry-out-review-removals.js';
import { reviewEscalationMessage, reviewReminderMessage } from './review-messages.js';
import { startScheduledReview } from './scheduled-reviews.js';

/**
 * The reviews' periodic pass: starts the campaign the policy schedules for this period, retries
 * pending removals, reminds owners with undecided members before the due date, and escalates to
 * the integration owners once it has passed. Each reminder and escalation is sent once per
 * campaign (a conditional update claims it).
 */
export async function sweepReviews(deps: GovernanceDeps) {
  const started = await startScheduledReview(deps);
  const removals = await carryOutReviewRemovals(deps);
  const open = await deps.db.selectFrom('review_campaigns').selectAll().where('state', '=', 'open').execute();
  let reminded = 0;
  let escalated = 0;
  for (const campaign of open) {
    if (await remind(deps, campaign)) reminded++;
    if (await escalate(deps, campaign)) escalated++;
  }
  return { started: started ? 1 : 0, removed: removals.removed, reminded, escalated };
}

/** When a campaign's owners are reminded: `remind_before` ahead of due, at most halfway through. */
export function reminderTime(deps: GovernanceDeps, campaign: ReviewCampaignRow): Date {
  const remindBefore = (deps.policy.reviews?.remindBeforeSeconds ?? 3 * 24 * 3600) * 1000;
  const length = campaign.due_at.getTime() - campaign.started_at.getTime();
  return new Date(campaign.due_at.getTime() - Math.min(remindBefore, length / 2));
}

async function undecidedByGroup(deps: GovernanceDeps, campaignId: string) {
  return deps.db
    .selectFrom('review_items')
    .select(['databricks_group_id', 'group_name', (eb) => eb.fn.countAll<number>().as('undecided')])
    .where('campaign_id', '=', campaignId)
    .where('decision', 'is', null)
    .groupBy(['databricks_group_id', 'group_name'])
    .orderBy('group_name')
    .execute();
}

async function claim(
  deps: GovernanceDeps,
  campaign: ReviewCampaignRow,
  column: 'reminded_at' | 'escalated_at',
  action: string,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('review_campaigns')
      .set({ [column]: now })
      .where('id', '=', campaign.id)
      .where('state', '=', 'open')
      .where(column, 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await recordAuditEvent(trx, {
      actor: 'system',
      action,
      subjectType: 'review_campaign',
      subjectId: campaign.id,
      at: now,
    });
    return true;
  });
}

async function remind(deps: GovernanceDeps, campaign: ReviewCampaignRow): Promise<boolean> {
  const now = deps.clock.now();
  if (campaign.reminded_at !== null || now < reminderTime(deps, campaign) || now >= campaign.due_at)
    return false;
  const groups = await undecidedByGroup(deps, campaign.id);
  if (groups.length === 0) return false;
  if (!(await claim(deps, campaign, 'reminded_at', 'review.reminded'))) return false;
  const cards = await deps.db
    .selectFrom('review_cards')
    .select(['owner', 'databricks_group_id'])
    .where('campaign_id', '=', campaign.id)
    .where(
      'databricks_group_id',
      'in',
      groups.map((group) => group.databricks_group_id),
    )
    .execute();
  const byOwner = new Map<string, { name: string; undecided: number }[]>();
  for (const card of cards) {
    const group = groups.find((candidate) => candidate.databricks_group_id === card.databricks_group_id)!;
    byOwner.set(card.owner, [
      ...(byOwner.get(card.owner) ?? []),
      { name: group.group_name, undecided: Number(group.undecided) },
    ]);
  }
  for (const [owner, owned] of byOwner) {
    await deps.outbox.send({
      key: `review-reminder:${campaign.id}:${owner}`,
      to: { user: parseChatUser(owner) },
      message: reviewReminderMessage(campaign, owned),
    });
  }
  return true;
}

async function escalate(deps: GovernanceDeps, campaign: ReviewCampaignRow): Promise<boolean> {
  if (campaign.escalated_at !== null || deps.clock.now() < campaign.due_at) return false;
  const groups = await undecidedByGroup(deps, campaign.id);
  if (groups.length === 0) return false;
  if (!(await claim(deps, campaign, 'escalated_at', 'review.escalated'))) return false;
  const to = deps.policy.integrationOwners?.length ? deps.policy.integrationOwners : deps.admins;
  const message = reviewEscalationMessage(
    campaign,
    groups.map((group) => ({
      name: group.group_name,
      undecided: Number(group.undecided),
      owners:
        ownershipOf(deps.policy, group.group_name)
          .owners.map((owner) => mention(owner))
          .join(', ') || 'none',
    })),
  );
  for (const person of to) {
    await deps.outbox.send({
      key: `review-escalation:${campaign.id}:${formatChatUser(person)}`,
      to: { user: person },
      message,
    });
  }
  deps.log.warn({ campaignId: campaign.id, groups: groups.length }, 'access review overdue: escalated');
  return true;
}
