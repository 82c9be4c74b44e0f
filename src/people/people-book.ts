import type { Person } from '../messages/chat-message.js';
import { parseChatUser } from '../ports/chat-user.js';

/**
 * The people a message names, looked up before it is built: a stored chat user
 * (`slack:U1`, `teams:priya@example.com`) as a whole person, with their display name and their
 * ids on the other platforms when we know them.
 */
export interface PeopleBook {
  person(chatUser: string): Person;
}

/** A person from their chat reference alone (no name, no other platforms). */
export function barePerson(chatUser: string): Person {
  const user = parseChatUser(chatUser);
  return {
    ids: { [user.platform]: user.id },
    ...(user.platform === 'teams' ? { email: user.id.toLowerCase() } : {}),
  };
}

/** A book that knows nothing beyond the references themselves. */
export const NO_NAMES: PeopleBook = { person: barePerson };
