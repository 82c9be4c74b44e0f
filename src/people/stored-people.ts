import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { Person } from '../messages/chat-message.js';
import { parseChatUser } from '../ports/chat-user.js';
import type { UserDirectory } from '../ports/notifier.js';
import { barePerson, type PeopleBook } from './people-book.js';
import type { PeopleDirectory } from './people-directory.js';

/** What we learned about a person: their e-mail, and any of a name and a Slack id. */
export interface PersonSeen {
  email: string;
  name?: string;
  slackUserId?: string;
}

/** Records a person; a name or id we did not learn keeps its stored value. */
export async function rememberPerson(db: Db, seen: PersonSeen): Promise<void> {
  const email = seen.email.trim().toLowerCase();
  if (email === '') return;
  await db
    .insertInto('people')
    .values({
      email,
      display_name: seen.name?.trim() || null,
      slack_user_id: seen.slackUserId ?? null,
      updated_at: new Date(),
    })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet((eb) => ({
        display_name: eb.fn.coalesce('excluded.display_name', 'people.display_name'),
        slack_user_id: eb.fn.coalesce('excluded.slack_user_id', 'people.slack_user_id'),
        updated_at: new Date(),
      })),
    )
    .execute()
    .catch(async (error: unknown) => {
      // Another e-mail holds this Slack id (the person's Slack address changed): move it here.
      if ((error as { code?: string }).code !== '23505' || !seen.slackUserId) throw error;
      await db
        .updateTable('people')
        .set({ slack_user_id: null })
        .where('slack_user_id', '=', seen.slackUserId)
        .execute();
      await rememberPerson(db, seen);
    });
}

/**
 * People as our records know them: a Slack user's name and e-mail from their profile (asked once,
 * then stored), a Teams user's name from the turns we saw, and, through the e-mail, who the same
 * person is on the other platform.
 */
export class StoredPeople implements PeopleDirectory {
  constructor(
    private readonly db: Db,
    private readonly directory: UserDirectory,
    private readonly log: Logger,
  ) {}

  async bookFor(chatUsers: string[], emails: Record<string, string> = {}): Promise<PeopleBook> {
    const found = new Map<string, Person>();
    for (const ref of chatUsers) {
      try {
        found.set(ref, await this.personOf(ref, emails[ref]));
      } catch (error) {
        this.log.warn({ err: error, user: ref }, 'could not look up a person; showing their id');
      }
    }
    return { person: (ref) => found.get(ref) ?? barePerson(ref) };
  }

  private async personOf(ref: string, knownEmail: string | undefined): Promise<Person> {
    const user = parseChatUser(ref);
    const person = barePerson(ref);
    if (user.platform === 'slack') {
      const stored = await this.db
        .selectFrom('people')
        .selectAll()
        .where('slack_user_id', '=', user.id)
        .executeTakeFirst();
      if (stored) {
        person.email = stored.email;
        if (stored.display_name) person.name = stored.display_name;
      } else {
        const profile = await this.directory.profileOf?.(user);
        const email = profile?.email ?? knownEmail;
        if (email) {
          await rememberPerson(this.db, {
            email,
            slackUserId: user.id,
            ...(profile?.name ? { name: profile.name } : {}),
          });
          person.email = email.toLowerCase();
        }
        if (profile?.name) person.name = profile.name;
      }
    } else if (knownEmail && !person.email) {
      person.email = knownEmail.toLowerCase();
    }
    if (!person.email) return person;
    const [stored, teams] = await Promise.all([
      this.db.selectFrom('people').selectAll().where('email', '=', person.email).executeTakeFirst(),
      this.db
        .selectFrom('teams_users')
        .select(['name'])
        .where('email', '=', person.email)
        .orderBy('updated_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ]);
    if (stored?.slack_user_id && !person.ids.slack) person.ids.slack = stored.slack_user_id;
    if (teams && !person.ids.teams) person.ids.teams = person.email;
    person.name = person.name ?? teams?.name ?? stored?.display_name ?? undefined;
    if (person.name === undefined) delete person.name;
    return person;
  }
}
