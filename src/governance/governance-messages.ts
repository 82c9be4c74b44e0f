import { formatTime } from '../access/access-messages.js';
import { mention, userText, type ChatMessage } from '../messages/chat-message.js';
import { parseChatUser, type ChatUser } from '../ports/chat-user.js';
import type { GroupDetails } from './group-details.js';
import type { GroupList } from './list-groups.js';

const MEMBERS_SHOWN = 40;

function ownersText(owners: ChatUser[], ownerGroup?: string): string {
  const named = [
    ...owners.map((owner) => mention(owner)),
    ...(ownerGroup ? [`members of \`${userText(ownerGroup)}\``] : []),
  ];
  return named.length === 0 ? 'no owner' : named.join(', ');
}

function discoveredLine(at: Date | undefined): string {
  return at === undefined
    ? 'Discovery has not run yet; the list fills after its first run.'
    : `As discovered at ${formatTime(at)}.`;
}

/** `groups [filter]`: one line per group with members, requestability and owners. */
export function groupsMessage(list: GroupList, filter: string | undefined): ChatMessage {
  const typed = filter?.trim() ? ` matching "${userText(filter.trim().slice(0, 80))}"` : '';
  const lines = list.groups.map(
    (group) =>
      `\`${group.name}\` — ${group.memberCount} member${group.memberCount === 1 ? '' : 's'}, ` +
      `${group.requestableAs ? `requestable as \`${group.requestableAs}\`` : 'not requestable'}, owners: ${ownersText(group.owners, group.ownerGroup)}`,
  );
  const more = list.total - list.groups.length;
  return {
    kind: 'governance.groups',
    title: `${list.total} Databricks group${list.total === 1 ? '' : 's'}${typed}`,
    body: lines.length > 0 ? lines : ['No group matches.'],
    context: [
      ...(more > 0 ? [`${more} more not shown: narrow the list with a filter, e.g. \`groups data\`.`] : []),
      discoveredLine(list.discoveredAt),
    ],
  };
}

function listNames(names: string[], limit: number): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, limit).map((name) => userText(name));
  const more = names.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** `group <name>`: standing members, active grants, recent changes, owners. */
export function groupMessage(details: GroupDetails): ChatMessage {
  const standing = details.standing.map(
    (member) => `${member.display}${member.type === 'user' ? '' : ` (${member.type.replace('_', ' ')})`}`,
  );
  const grants = details.activeGrants.map(
    (grant) => `${mention(parseChatUser(grant.requester))} until ${formatTime(grant.ends_at!)}`,
  );
  const changes = details.recentChanges.map(
    (change) =>
      `${formatTime(change.observedAt)} ${change.change} ${userText(change.memberDisplay)}${change.outsideBot ? ' (outside the bot)' : ''}`,
  );
  return {
    kind: 'governance.group',
    title: `Group ${userText(details.name)}`,
    fields: [
      {
        label: 'Requestable',
        value: details.policy ? `yes, as \`${details.policy.key}\`` : 'no (not in the policy)',
      },
      { label: 'Owners', value: ownersText(details.owners, details.ownerGroup) },
      { label: `Standing members (${standing.length})`, value: listNames(standing, MEMBERS_SHOWN) },
      { label: `Active grants (${grants.length})`, value: grants.length === 0 ? 'none' : grants.join('\n') },
      { label: 'Recent changes', value: changes.length === 0 ? 'none seen' : changes.join('\n') },
    ],
    context: [discoveredLine(details.discoveredAt)],
  };
}
