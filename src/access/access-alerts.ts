import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { mention, userText } from '../messages/chat-message.js';
import { parseChatUser } from '../ports/chat-user.js';
import type { Alert } from '../subscriptions/publish-alert.js';
import { formatTime } from './access-messages.js';

/** To `access` subscribers: a grant has ended but Databricks has not confirmed the removal yet. */
export function removalFailedAlert(grant: AccessRequestRow, error: string): Alert {
  return {
    topic: 'access',
    key: `access:${grant.id}:removal_failed`,
    message: {
      kind: 'access.removal_failed',
      title: `Could not remove access to ${grant.group_key} yet`,
      severity: 'critical',
      body: [
        `The grant ended at ${formatTime(grant.ends_at!)}, but Databricks refused or did not answer the removal. ` +
          'The membership is still in place; I keep retrying and will report it as expired once Databricks confirms.',
      ],
      fields: [
        { label: 'Person', value: mention(parseChatUser(grant.requester)) },
        { label: 'Group', value: `${grant.group_key} → ${grant.databricks_group}` },
        { label: 'Last error', value: userText(error.slice(0, 300)) },
      ],
    },
    attributes: { group: grant.group_key, severity: 'critical' },
  };
}

/** What the reconciler found in one policy-managed group that the bot did not do or expect. */
export interface MembershipDrift {
  groupKey: string;
  databricksGroup: string;
  /** Members nobody granted through the bot (added outside it). */
  addedOutside: string[];
  /** Bot grants whose membership someone removed; the bot added it back. */
  reapplied: string[];
  /** Members the bot added that no grant keeps any more; the bot removed them. */
  removedLeftovers: string[];
  /** Stable across runs for the same finding, so a repeat is not posted twice. */
  fingerprint: string;
}

export function membershipDriftAlert(drift: MembershipDrift): Alert {
  const list = (ids: string[]) => ids.map((id) => userText(id)).join(', ');
  const fields = [
    ...(drift.addedOutside.length > 0
      ? [{ label: 'Added outside the bot (Databricks user ids)', value: list(drift.addedOutside) }]
      : []),
    ...(drift.reapplied.length > 0
      ? [
          {
            label: 'Removed outside the bot while a grant was active: added back',
            value: list(drift.reapplied),
          },
        ]
      : []),
    ...(drift.removedLeftovers.length > 0
      ? [{ label: 'Left over without a grant: removed', value: list(drift.removedLeftovers) }]
      : []),
  ];
  return {
    topic: 'access',
    key: `access:drift:${drift.fingerprint}`,
    message: {
      kind: 'access.drift',
      title: `Membership of ${drift.databricksGroup} changed outside the bot`,
      severity: drift.addedOutside.length > 0 ? 'warning' : 'info',
      body: [
        `${drift.groupKey} is a just-in-time group: its members should come from grants. ` +
          'Standing members added outside the bot are not removed; review them with the group owners.',
      ],
      fields,
    },
    attributes: { group: drift.groupKey, severity: drift.addedOutside.length > 0 ? 'warning' : 'info' },
  };
}
