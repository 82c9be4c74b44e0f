import { actorText, formatTime } from '../../access/access-messages.js';
import type { ReviewCampaignRow, ReviewCardRow, ReviewItemRow } from '../../db/tables/access-governance.js';
import {
  userText,
  type ChatMessage,
  type MessageAction,
  type MessageItem,
} from '../../messages/chat-message.js';

/** Action ids the front ends route on. */
export const REVIEW_ACTIONS = {
  keep: 'review.keep',
  remove: 'review.remove',
  convert: 'review.convert',
  keepAll: 'review.keep_all',
  page: 'review.page',
} as const;

export const REVIEW_ACTION_IDS: readonly string[] = Object.values(REVIEW_ACTIONS);

/**
 * Members per card page: two Block Kit blocks each (line and buttons) keep a page well under
 * Slack's 50 blocks, and a Teams card well under its ~28 KB.
 */
export const REVIEW_PAGE_SIZE = 10;

/** A campaign's short id, as people type it (the first 8 characters of its id). */
export const shortId = (campaignId: string) => campaignId.slice(0, 8);

const DECIDED: Record<string, string> = {
  keep: 'kept',
  remove: 'removed',
  convert: 'converted to just-in-time',
};

function memberLine(item: ReviewItemRow): string {
  const kind = item.member_type === 'user' ? '' : ` (${item.member_type.replace('_', ' ')})`;
  const name = `${userText(item.member_display)}${kind}`;
  if (item.decision === null) return `${name} — undecided`;
  const removal =
    item.removal_state === 'pending'
      ? ', removal in progress'
      : item.removal_state === 'removed'
        ? ', removed from the group'
        : '';
  return `${name} — ${DECIDED[item.decision]} by ${actorText(item.decided_by)}${removal}`;
}

/** Convert needs a requestable group (a policy entry) and a user. */
export function convertible(item: ReviewItemRow): boolean {
  return item.group_key !== null && item.member_type === 'user';
}

function memberActions(item: ReviewItemRow, open: boolean): MessageAction[] {
  if (!open || item.decision !== null) return [];
  const name = userText(item.member_display);
  return [
    { id: REVIEW_ACTIONS.keep, label: 'Keep', value: item.id, style: 'primary' },
    {
      id: REVIEW_ACTIONS.remove,
      label: 'Remove',
      value: item.id,
      style: 'danger',
      confirm: {
        title: 'Remove this member?',
        text: `${name} is taken out of ${userText(item.group_name)} in Databricks now.`,
        goAhead: 'Remove',
      },
    },
    ...(convertible(item)
      ? [
          {
            id: REVIEW_ACTIONS.convert,
            label: 'Convert to just-in-time',
            value: item.id,
            confirm: {
              title: 'Convert to just-in-time?',
              text: `${name} is taken out of ${userText(item.group_name)} now and may request it when needed.`,
              goAhead: 'Convert',
            },
          },
        ]
      : []),
  ];
}

/**
 * One owner's card for one group: the members of the card's page with Keep / Remove / Convert
 * each, "keep all" for the undecided rest, and page buttons.
 */
export function reviewCardMessage(
  campaign: ReviewCampaignRow,
  card: ReviewCardRow,
  items: ReviewItemRow[],
): ChatMessage {
  const open = campaign.state === 'open';
  const pages = Math.max(1, Math.ceil(items.length / REVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(0, card.page), pages - 1);
  const shown = items.slice(page * REVIEW_PAGE_SIZE, (page + 1) * REVIEW_PAGE_SIZE);
  const decided = items.filter((item) => item.decision !== null).length;
  const undecided = items.length - decided;
  const entries: MessageItem[] = shown.map((item) => ({
    text: memberLine(item),
    actions: memberActions(item, open),
  }));
  const footer: MessageAction[] = [];
  if (open && undecided > 0) {
    footer.push({
      id: REVIEW_ACTIONS.keepAll,
      label: `Keep all ${undecided} undecided`,
      value: card.id,
      confirm: {
        title: 'Keep everyone undecided?',
        text: `The ${undecided} member(s) not decided yet keep their standing access to ${userText(card.group_name)}.`,
        goAhead: 'Keep all',
      },
    });
  }
  if (page > 0)
    footer.push({ id: REVIEW_ACTIONS.page, label: 'Previous page', value: `${card.id}:${page - 1}` });
  if (page < pages - 1)
    footer.push({ id: REVIEW_ACTIONS.page, label: 'Next page', value: `${card.id}:${page + 1}` });
  return {
    kind: 'review.card',
    title: `Access review: ${userText(card.group_name)}${open ? '' : ' (closed)'}`,
    severity: undecided === 0 ? 'success' : 'info',
    body: [
      open
        ? `You own ${userText(card.group_name)}. For each standing member decide by ${formatTime(campaign.due_at)}: ` +
          'Keep, Remove (taken out of the group now) or Convert to just-in-time (taken out now; may request it when needed).'
        : `This review closed at ${formatTime(campaign.completed_at ?? campaign.due_at)}.`,
    ],
    fields: [
      { label: 'Progress', value: `${decided} of ${items.length} decided` },
      { label: 'Due', value: formatTime(campaign.due_at) },
    ],
    items: entries,
    actions: footer,
    context: [
      `Campaign ${shortId(campaign.id)} · members ${page * REVIEW_PAGE_SIZE + 1}–${page * REVIEW_PAGE_SIZE + shown.length} of ${items.length} (page ${page + 1} of ${pages})`,
    ],
  };
}

/** DM to an owner with undecided members, before the due date. */
export function reviewReminderMessage(
  campaign: ReviewCampaignRow,
  groups: { name: string; undecided: number }[],
): ChatMessage {
  return {
    kind: 'review.reminder',
    title: `Reminder: access review due ${formatTime(campaign.due_at)}`,
    severity: 'warning',
    body: [
      'These groups you own still have standing members without a decision; use the review cards I sent you.',
      ...groups.map((group) => `${userText(group.name)}: ${group.undecided} undecided`),
    ],
    context: [`Campaign ${shortId(campaign.id)}`],
  };
}

/** DM to the integration owners once the due date passed with decisions missing. */
export function reviewEscalationMessage(
  campaign: ReviewCampaignRow,
  groups: { name: string; undecided: number; owners: string }[],
): ChatMessage {
  return {
    kind: 'review.escalation',
    title: `Access review ${shortId(campaign.id)} is overdue`,
    severity: 'critical',
    body: [
      `It was due ${formatTime(campaign.due_at)}. These groups still have undecided standing members:`,
      ...groups.map(
        (group) => `${userText(group.name)}: ${group.undecided} undecided (owners: ${group.owners})`,
      ),
    ],
    context: [`\`review status ${shortId(campaign.id)}\` shows the progress.`],
  };
}
