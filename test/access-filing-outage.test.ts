/**
 * A request filed while Postgres cuts out: once it is stored, the person's answer is the
 * confirmation, and the approvers are told by the sweeper when the database is back; a
 * submission retried after a lost commit files one request, not two.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessSweeperJob } from '../jobs/access-sweeper-job.js';
import { requestAccess } from '../src/access/request-access.js';
import { isDatabaseOutage, rideOutDatabaseOutage } from '../src/db/database-outage.js';
import {
  ACCESS_POLICY,
  APPROVAL_CHANNEL,
  PEOPLE,
  SLACK_USERS,
  eventually,
  fileRequest,
  seedDatabricks,
} from './support/access-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;

beforeEach(async () => {
  bot = await startTestBot({ policy: ACCESS_POLICY, slackUsers: SLACK_USERS });
  seedDatabricks(bot.databricks);
});
afterEach(async () => {
  await bot.stop();
});

/** Every insert into the outbox fails the way a Postgres shutting down answers. */
async function cutOutbox(db: TestBot['db']): Promise<void> {
  await sql`create or replace function refuse_deliveries() returns trigger language plpgsql as $$
    begin raise exception 'terminating connection due to administrator command' using errcode = '57P01'; end $$`.execute(
    db,
  );
  await sql`create trigger refuse_deliveries before insert on message_deliveries
    for each row execute function refuse_deliveries()`.execute(db);
}

const restoreOutbox = (db: TestBot['db']) =>
  sql`drop trigger refuse_deliveries on message_deliveries`.execute(db);

const postsTo = (channel: string) =>
  bot.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === channel);

describe('a request filed while the database cuts out', () => {
  it('is confirmed to the requester, and the sweeper tells the approvers once the database is back', async () => {
    await cutOutbox(bot.db);
    const id = await fileRequest(bot, PEOPLE.requester.id, 'analysts 1h fix the nightly job');
    const filed = await bot.db
      .selectFrom('access_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(filed.state).toBe('pending');
    expect(filed.announced_at).toBeNull();
    expect(bot.logs.text()).toContain('request filed, but approvers and channels could not be told yet');

    await restoreOutbox(bot.db);
    await bot.runJob(accessSweeperJob, {});
    await bot.idle();
    expect(postsTo(APPROVAL_CHANNEL)).toHaveLength(0);

    bot.clock.advance(20_000);
    await bot.runJob(accessSweeperJob, {});
    await bot.idle();
    await eventually(() => expect(postsTo(APPROVAL_CHANNEL)).toHaveLength(1));
    expect(JSON.stringify(postsTo(APPROVAL_CHANNEL)[0]!.params)).toContain('fix the nightly job');
    const announced = await bot.db
      .selectFrom('access_requests')
      .select('announced_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(announced.announced_at).not.toBeNull();

    await bot.runJob(accessSweeperJob, {});
    await bot.idle();
    expect(postsTo(APPROVAL_CHANNEL)).toHaveLength(1);
  });

  it('files one request however often the same submission is retried', async () => {
    const input = {
      requester: { platform: 'slack' as const, id: PEOPLE.requester.id },
      group: 'analysts',
      durationSeconds: 3600,
      reason: 'fix the nightly job',
      submissionKey: 'slack:trig-retried-once',
    };
    const first = await requestAccess(bot.services.access, input);
    const again = await requestAccess(bot.services.access, input);
    expect(again.id).toBe(first.id);
    const rows = await bot.db
      .selectFrom('access_requests')
      .select('id')
      .where('requester', '=', `slack:${PEOPLE.requester.id}`)
      .execute();
    expect(rows).toHaveLength(1);
    await bot.idle();
    expect(postsTo(APPROVAL_CHANNEL)).toHaveLength(1);
  });
});

describe('riding out a database outage', () => {
  const outage = () => Object.assign(new Error('the database system is shutting down'), { code: '57P03' });

  it('tells outages from mistakes', () => {
    expect(isDatabaseOutage(outage())).toBe(true);
    expect(isDatabaseOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseOutage(
        new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
      ),
    ).toBe(true);
    expect(isDatabaseOutage(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseOutage(new Error('column "x" does not exist'))).toBe(false);
  });

  it('repeats the work while the database is out, then says so specifically', async () => {
    let calls = 0;
    const sleep = async () => undefined;
    const back = await rideOutDatabaseOutage(
      async () => {
        calls += 1;
        if (calls < 3) throw outage();
        return 'done';
      },
      { sleep },
    );
    expect([back, calls]).toEqual(['done', 3]);

    await expect(
      rideOutDatabaseOutage(
        async () => {
          throw outage();
        },
        { sleep, withinMs: 0 },
      ),
    ).rejects.toMatchObject({
      name: 'DatabaseUnavailable',
      userMessage: expect.stringContaining('try again'),
    });
    await expect(
      rideOutDatabaseOutage(async () => {
        throw new TypeError('a bug');
      }),
    ).rejects.toThrow('a bug');
  });
});
