import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../../audit/record-audit-event.js';
import type { ReviewCampaignRow } from '../../db/tables/access-governance.js';
import { InvalidInput, NotFound } from '../../errors/domain-errors.js';
import { formatChatUser, type ChatUser } from '../../ports/chat-user.js';
import type { GovernanceDeps } from '../governance-deps.js';
import { findDiscoveredGroup, standingMembersOf, type StandingMember } from '../group-details.js';
import { databricksGroupNamed, ownershipOf, resolveOwners } from '../group-owners.js';
import { itemsOfGroup, REVIEW_CARD_PURPOSE, reviewCardSubject } from './review-queries.js';
import { reviewCardMessage } from './review-messages.js';
import { assertReviewAdmin } from './review-permissions.js';

export type ReviewScope = 'all-requestable' | string[];

export interface StartReviewInput {
  /** A person, or the policy's schedule. */
  actor: ChatUser | 'schedule';
  scope: ReviewScope;
  dueSeconds: number;
  /** One campaign per key (scheduled campaigns: one per period). */
  scheduleKey?: string;
}

export interface StartedReview {
  campaign: ReviewCampaignRow;
  groups: { name: string; members: number; owners: ChatUser[] }[];
  /** Groups left out, with why. */
  skipped: { name: string; why: string }[];
}

interface Target {
  groupId: string;
  name: string;
  groupKey: string | null;
  members: StandingMember[];
  owners: ChatUser[];
}

const MAX_DUE_SECONDS = 90 * 24 * 3600;

/**
 * Starts an access review: every standing member of the chosen groups (as discovery last saw
 * them) becomes an item to decide, and each owner of a group gets one card for it. Returns
 * undefined when a campaign with the same schedule key exists already.
 */
export async function startReview(
  deps: GovernanceDeps,
  input: StartReviewInput,
): Promise<StartedReview | undefined> {
  if (input.actor !== 'schedule') assertReviewAdmin(deps, input.actor);
  if (!(input.dueSeconds >= 3600) || input.dueSeconds > MAX_DUE_SECONDS) {
    throw new InvalidInput('The due date must be between 1 hour and 90 days away, e.g. `due:14d`.');
  }
  const { targets, skipped } = await targetsOf(deps, input.scope);
  if (targets.length === 0) {
    const why = skipped.map((group) => `${group.name} (${group.why})`).join(', ');
    throw new NotFound(`There is nothing to review${why ? `: ${why}` : ''}.`);
  }
  const now = deps.clock.now();
  const campaignId = randomUUID();
  const startedBy = input.actor === 'schedule' ? 'system:schedule' : formatChatUser(input.actor);
  const cards: { id: string; groupId: string; owner: ChatUser }[] = [];
  const campaign = await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('review_campaigns')
      .values({
        id: campaignId,
        scope: input.scope === 'all-requestable' ? 'all-requestable' : input.scope.join(','),
        started_by: startedBy,
        started_at: now,
        due_at: new Date(now.getTime() + input.dueSeconds * 1000),
        state: 'open',
        schedule_key: input.scheduleKey ?? null,
      })
      .onConflict((oc) => oc.column('schedule_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) return undefined;
    for (const target of targets) {
      const rows = target.members.map((member) => ({
        id: randomUUID(),
        campaign_id: campaignId,
        databricks_group_id: target.groupId,
        group_name: target.name,
        group_key: target.groupKey,
        member_id: member.id,
        member_display: member.display,
        member_type: member.type,
      }));
      for (let i = 0; i < rows.length; i += 1_000) {
        await trx
          .insertInto('review_items')
          .values(rows.slice(i, i + 1_000))
          .execute();
      }
      for (const owner of target.owners) {
        const id = randomUUID();
        cards.push({ id, groupId: target.groupId, owner });
        await trx
          .insertInto('review_cards')
          .values({
            id,
            campaign_id: campaignId,
            databricks_group_id: target.groupId,
            group_name: target.name,
            owner: formatChatUser(owner),
          })
          .execute();
      }
    }
    await recordAuditEvent(trx, {
      actor: startedBy,
      action: 'review.started',
      subjectType: 'review_campaign',
      subjectId: campaignId,
      after: { state: 'open', dueAt: inserted.due_at },
      details: {
        scope: inserted.scope,
        groups: targets.map((target) => ({ name: target.name, members: target.members.length })),
        skipped,
      },
      at: now,
    });
    return inserted;
  });
  if (!campaign) return undefined;
  await sendCards(deps, campaign, cards);
  deps.log.info({ campaignId, groups: targets.length, cards: cards.length }, 'access review started');
  return {
    campaign,
    groups: targets.map((target) => ({
      name: target.name,
      members: target.members.length,
      owners: target.owners,
    })),
    skipped,
  };
}

async function sendCards(
  deps: GovernanceDeps,
  campaign: ReviewCampaignRow,
  cards: { id: string; groupId: string; owner: ChatUser }[],
): Promise<void> {
  const rows = await deps.db
    .selectFrom('review_cards')
    .selectAll()
    .where('campaign_id', '=', campaign.id)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const itemsByGroup = new Map<string, Awaited<ReturnType<typeof itemsOfGroup>>>();
  for (const card of cards) {
    let items = itemsByGroup.get(card.groupId);
    if (!items) {
      items = await itemsOfGroup(deps, campaign.id, card.groupId);
      itemsByGroup.set(card.groupId, items);
    }
    await deps.outbox.send({
      key: `review-card:${card.id}`,
      to: { user: card.owner },
      message: reviewCardMessage(campaign, byId.get(card.id)!, items),
      about: { subject: reviewCardSubject(card.id), purpose: REVIEW_CARD_PURPOSE },
    });
  }
}

async function targetsOf(deps: GovernanceDeps, scope: ReviewScope) {
  const skipped: { name: string; why: string }[] = [];
  const names =
    scope === 'all-requestable'
      ? [...new Set(deps.policy.groups.map((group) => group.databricksGroup))]
      : scope.map((name) => databricksGroupNamed(deps.policy, name));
  if (names.length === 0) throw new NotFound('The policy has no requestable groups to review.');
  const targets: Target[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const group = await findDiscoveredGroup(deps, name);
    if (!group) {
      unknown.push(name);
      continue;
    }
    if (seen.has(group.databricks_group_id)) continue;
    seen.add(group.databricks_group_id);
    const members = await standingMembersOf(deps, group.databricks_group_id);
    if (members.length === 0) {
      skipped.push({ name: group.display_name, why: 'no standing members' });
      continue;
    }
    const ownership = ownershipOf(deps.policy, group.display_name);
    const resolved = await resolveOwners(deps, group.display_name);
    const owners =
      resolved.length > 0
        ? resolved
        : (deps.policy.integrationOwners ?? []).length > 0
          ? deps.policy.integrationOwners!
          : deps.admins;
    targets.push({
      groupId: group.databricks_group_id,
      name: group.display_name,
      groupKey: ownership.policy?.key ?? null,
      members,
      owners,
    });
  }
  if (unknown.length > 0 && scope !== 'all-requestable') {
    throw new NotFound(
      `I have not discovered ${unknown.map((name) => `"${name.slice(0, 80)}"`).join(', ')}; check the name with \`groups\` (discovery runs every hour).`,
    );
  }
  for (const name of unknown) skipped.push({ name, why: 'not discovered yet' });
  return { targets, skipped };
}
