import { ACCESS_ACTIONS } from '../../../src/access/access-messages.js';
import type { Db } from '../../../src/db/database.js';
import { replaceMentions, type ChatMessage } from '../../../src/messages/chat-message.js';
import { teamsIdsByEmail, teamsUserIdsOf } from '../store/teams-users.js';
import type { RenderOptions } from './render-card.js';

/** Teams-only verbs: the approval card's refresh, and the request form. */
export const TEAMS_VERBS = {
  refreshRequest: 'access.refresh',
  requestForm: 'access.request_form',
} as const;

/** The Teams people a message mentions (by e-mail), e.g. an approval card's requester and approvers. */
export function teamsPeopleMentioned(message: ChatMessage): string[] {
  const found = new Set<string>();
  const texts = [
    message.title,
    ...(message.body ?? []),
    ...(message.fields ?? []).map((field) => field.value),
    ...(message.context ?? []),
  ];
  for (const text of texts) {
    replaceMentions(text, (person) => {
      if (person.ids.teams) found.add(person.ids.teams.toLowerCase());
      return '';
    });
  }
  return [...found];
}

/**
 * An open approval card refreshes for the Teams people it names, so each sees their own view:
 * approvers the buttons, everyone else the status. Other messages need no refresh.
 */
export async function refreshOptionsFor(db: Db, message: ChatMessage): Promise<RenderOptions> {
  const mentioned = await teamsIdsByEmail(db, teamsPeopleMentioned(message));
  const teamsIds = Object.keys(mentioned).length > 0 ? { teamsIds: mentioned } : {};
  const approve = message.actions?.find((action) => action.id === ACCESS_ACTIONS.approve);
  if (!approve) return teamsIds;
  const userIds = await teamsUserIdsOf(db, teamsPeopleMentioned(message));
  if (userIds.length === 0) return teamsIds;
  return {
    ...teamsIds,
    refresh: {
      verb: TEAMS_VERBS.refreshRequest,
      data: { action: TEAMS_VERBS.refreshRequest, value: approve.value },
      userIds,
    },
  };
}
