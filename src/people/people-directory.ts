import type { PeopleBook } from './people-book.js';

/** Finds what we know about people before a message naming them is built. */
export interface PeopleDirectory {
  /**
   * A book for these chat users (`slack:U1`, `teams:priya@example.com`); `emails` gives the
   * e-mail of a user when the caller already knows it (a request stores its requester's).
   */
  bookFor(chatUsers: string[], emails?: Record<string, string>): Promise<PeopleBook>;
}
