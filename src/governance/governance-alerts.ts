import { userText } from '../messages/chat-message.js';
import type { Alert } from '../subscriptions/publish-alert.js';
import type { MemberChange } from './explain-changes.js';

const MAX_LISTED = 20;

function listed(changes: MemberChange[]): string {
  const names = changes.slice(0, MAX_LISTED).map((change) => userText(change.member.display));
  const more = changes.length - names.length;
  return `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** To `access` subscribers: discovery saw members of a policy-managed group change outside the bot. */
export function outsideChangeAlert(input: {
  runId: string;
  groupId: string;
  groupKey: string;
  changes: MemberChange[];
}): Alert {
  const added = input.changes.filter((change) => change.change === 'added');
  const removed = input.changes.filter((change) => change.change === 'removed');
  const groupName = input.changes[0]?.groupName ?? input.groupKey;
  return {
    topic: 'access',
    key: `access:discovery:${input.runId}:${input.groupId}`,
    message: {
      kind: 'access.outside_change',
      title: `Members of ${userText(groupName)} changed outside the bot`,
      severity: added.length > 0 ? 'warning' : 'info',
      body: [
        `${input.groupKey} is a just-in-time group, but these changes came from neither a grant nor an access review.`,
      ],
      fields: [
        ...(added.length > 0 ? [{ label: `Added (${added.length})`, value: listed(added) }] : []),
        ...(removed.length > 0 ? [{ label: `Removed (${removed.length})`, value: listed(removed) }] : []),
      ],
      context: [
        `Seen by group discovery. \`group ${input.groupKey}\` shows the group's members and history.`,
      ],
    },
    attributes: { group: input.groupKey, severity: added.length > 0 ? 'warning' : 'info' },
  };
}
