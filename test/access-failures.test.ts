import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_SWEEP_INTERVAL_MS, accessSweeperJob } from '../jobs/access-sweeper-job.js';
import { expiryJobId, expiryPassAt } from '../jobs/access-job-scheduler.js';
import { applyGrantJob } from '../jobs/apply-grant-job.js';
import { expireGrantsJob } from '../jobs/expire-grants-job.js';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import {
  ACCESS_POLICY,
  PEOPLE,
  SLACK_USERS,
  approvalCards,
  eventually,
  everythingSaid,
  fileRequest,
  grantAccess,
  patchStatuses,
  repliesTo,
  saidTo,
  seedDatabricks,
  waitForState,
} from './support/access-fixture.js';
import { HOUR, MINUTE } from './support/manual-clock.js';
import { startTestBot, type TestBot } from './support/test-bot.js';
import { deleteKeysWithPrefix } from './support/test-redis.js';

let bot: TestBot;
let seeded: ReturnType<typeof seedDatabricks>;

beforeEach(async () => {
  bot = await startTestBot({ policy: ACCESS_POLICY, slackUsers: SLACK_USERS });
  seeded = seedDatabricks(bot.databricks);
});
afterEach(async () => {
  await bot.stop();
});

/** One sweeper run, then the deliveries it queued, so the test sees what people would see. */
const sweep = async () => {
  const result = await bot.runJob(accessSweeperJob, {});
  await bot.idle();
  return result;
};
const dmsToRequester = () => saidTo(bot, PEOPLE.requester.id);

describe('Databricks refusing the SCIM write', () => {
  it('a 429 with Retry-After is waited out and the grant is applied', async () => {
    bot.databricks.failNextPatches(1, { status: 429, retryAfter: 1 });

    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 1h fix the nightly job');
    expect(patchStatuses(bot)).toEqual([429, 204]);
    const [limited, applied] = bot.databricks.requests.filter((r) => r.method === 'PATCH');
    expect(applied!.at - limited!.at).toBeGreaterThanOrEqual(950);
    expect(bot.databricks.patches).toEqual([
      expect.objectContaining({ groupId: seeded.groupIds.analysts, added: [seeded.userIds.requester] }),
    ]);
    expect(bot.databricks.groupMemberIds('data-analysts')).toEqual([seeded.userIds.requester]);
    expect(grant.last_error).toBeNull();
    await eventually(() => expect(dmsToRequester()).toContain('Your access to analysts is active until'));
  });

  it('an add whose answer was lost is not sent again: the retry reads the group and finds the user', async () => {
    bot.databricks.loseNextPatchAnswers(1);

    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 1h fix the nightly job');
    expect(bot.databricks.patches).toEqual([
      expect.objectContaining({ groupId: seeded.groupIds.analysts, added: [seeded.userIds.requester] }),
    ]);
    expect(bot.databricks.patches[0]!.alreadyMembers).toEqual([]);
    expect(bot.databricks.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(
      bot.databricks.requests.some(
        (r) => r.method === 'GET' && r.path.endsWith(`/Groups/${seeded.groupIds.analysts}`),
      ),
    ).toBe(true);
    expect(grant.last_error).toBeNull();
    expect(bot.databricks.groupMemberIds('data-analysts')).toEqual([seeded.userIds.requester]);
  });

  for (const status of [503, 403]) {
    it(`a permanent ${status} ends the request in apply_failed, and everyone is told`, async () => {
      bot.databricks.failAllPatches({ status });
      const id = await fileRequest(bot, PEOPLE.requester.id, 'analysts 1h fix the nightly job');
      await bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, id);

      const failed = await waitForState(bot, id, 'apply_failed', 20_000);
      expect(failed.last_error).toContain(`HTTP ${status}`);
      const attempts = patchStatuses(bot);
      expect(attempts.every((answer) => answer === status)).toBe(true);
      // 503 is worth retrying (client and job both retry before giving up); 403 is not.
      if (status === 503) expect(attempts.length).toBeGreaterThan(4);
      else expect(attempts).toHaveLength(1);
      expect(bot.databricks.patches).toEqual([]);
      expect(bot.databricks.groupMemberIds('data-analysts')).toEqual([]);

      await eventually(() =>
        expect(dmsToRequester()).toContain(
          'Your request for analysts was approved, but Databricks could not apply it',
        ),
      );
      await eventually(async () => {
        const cards = await approvalCards(bot, id);
        expect(cards).toHaveLength(1);
        for (const card of cards) {
          expect(card).toContain('Approved, but Databricks could not apply it');
          expect(card).not.toContain(ACCESS_ACTIONS.approve);
        }
      });
      expect(everythingSaid(bot)).not.toContain('is active');
    });
  }
});

describe('lost jobs: the sweeper is the safety net', () => {
  it('is a BullMQ job scheduler repeating every 30 s', async () => {
    const schedulers = await bot.runtime.queues.queueFor(accessSweeperJob).getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: 'access-sweeper-schedule', every: ACCESS_SWEEP_INTERVAL_MS }),
    ]);
    expect(ACCESS_SWEEP_INTERVAL_MS).toBe(30_000);
  });

  it('ends a grant whose delayed expiry job was lost when Redis was flushed', async () => {
    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 1h fix the nightly job');
    const expiries = bot.runtime.queues.queueFor(expireGrantsJob);
    const passJob = expiryJobId(expiryPassAt(grant.ends_at!));
    expect(await expiries.getJobState(passJob)).toBe('delayed');

    await deleteKeysWithPrefix(bot.redisPrefix);
    expect(await expiries.getJob(passJob)).toBeUndefined();

    bot.clock.set(grant.ends_at!);
    bot.clock.advance(MINUTE);
    await sweep();
    const expired = await waitForState(bot, grant.id, 'expired');
    expect(expired.ended_at).toEqual(bot.clock.now());
    expect(bot.databricks.patches).toHaveLength(2);
    expect(bot.databricks.patches[1]).toMatchObject({
      groupId: seeded.groupIds.analysts,
      removed: [seeded.userIds.requester],
    });
    expect(bot.databricks.groupMemberIds('data-analysts')).toEqual([]);
    await eventually(() => expect(dmsToRequester()).toContain('Your access to analysts has expired'));
  });

  it('announces an end whose announcement job was lost, once the sweeper finds it', async () => {
    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 1h fix the nightly job');
    const announcedAt = async () =>
      (
        await bot.db
          .selectFrom('access_requests')
          .select('end_announced_at')
          .where('id', '=', grant.id)
          .executeTakeFirstOrThrow()
      ).end_announced_at;
    const expiredDms = () =>
      bot.slack
        .callsTo('chat.postMessage')
        .filter(
          (call) =>
            call.params.channel === PEOPLE.requester.id &&
            JSON.stringify(call.params).includes('Your access to analysts has expired'),
        ).length;
    bot.clock.set(grant.ends_at!);
    bot.clock.advance(1_000);
    await sweep();
    await waitForState(bot, grant.id, 'expired');
    await eventually(async () => expect(await announcedAt()).not.toBeNull());
    await eventually(() => expect(expiredDms()).toBe(1));

    // As if the announcement job had been lost before it queued anything.
    await bot.db
      .updateTable('access_requests')
      .set({ end_announced_at: null })
      .where('id', '=', grant.id)
      .execute();
    await bot.db
      .deleteFrom('message_deliveries')
      .where('key', 'like', `access:${grant.id}:requester:%`)
      .execute();
    await sweep();
    expect(await announcedAt()).toBeNull(); // a job may still be on its way
    bot.clock.advance(MINUTE);
    await sweep();
    expect(await announcedAt()).not.toBeNull();
    // Announced again: the requester's message is queued anew (and, being the same message, Slack
    // is not asked twice: the earlier post is found by its tag).
    const queued = await bot.db
      .selectFrom('message_deliveries')
      .select('key')
      .where('key', 'like', `access:${grant.id}:requester:%`)
      .execute();
    expect(queued).not.toHaveLength(0);
    expect(expiredDms()).toBe(1);
  });

  it('re-queues an approved request whose apply job was lost', async () => {
    const applies = bot.runtime.queues.queueFor(applyGrantJob);
    await applies.pause();
    const id = await fileRequest(bot, PEOPLE.requester.id, 'analysts 1h fix the nightly job');
    await bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, id);
    expect(await applies.getJob(`apply-${id}`)).toBeDefined();

    await deleteKeysWithPrefix(bot.redisPrefix);
    expect(await applies.getJob(`apply-${id}`)).toBeUndefined();
    expect(await waitForState(bot, id, 'approved')).toBeDefined();
    expect(bot.databricks.patches).toEqual([]);

    // A request approved moments ago may still have its job on the way; a minute later it is stuck.
    expect(await sweep()).toMatchObject({ requeued: 0 });
    bot.clock.advance(2 * MINUTE);
    expect(await sweep()).toMatchObject({ requeued: 1 });
    await waitForState(bot, id, 'active');
    expect(bot.databricks.patches).toEqual([
      expect.objectContaining({ groupId: seeded.groupIds.analysts, added: [seeded.userIds.requester] }),
    ]);
  });
});

describe('approval timeout', () => {
  it('times out a pending request after approval_timeout; a later Approve is refused', async () => {
    // sandbox: approval_timeout 1h; 2h is beyond its auto-approve rule, so it waits for a person.
    const id = await fileRequest(bot, PEOPLE.requester.id, 'sandbox 2h try the new cluster policy');
    await eventually(async () => {
      const [card] = await approvalCards(bot, id);
      expect(card).toContain(ACCESS_ACTIONS.approve);
    });

    bot.clock.advance(HOUR - MINUTE);
    await sweep();
    await waitForState(bot, id, 'pending');

    bot.clock.advance(MINUTE);
    await sweep();
    await waitForState(bot, id, 'timed_out');
    await eventually(async () => {
      expect(dmsToRequester()).toContain('Your request for sandbox timed out without a decision');
      const [card] = await approvalCards(bot, id);
      expect(card).toContain('Timed out: nobody decided before the approval deadline');
      expect(card).not.toContain(ACCESS_ACTIONS.approve);
    });

    const reply = await repliesTo(bot, () => bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, id));
    expect(reply).toMatch(/AR-\d+ already timed out without a decision\./);
    await waitForState(bot, id, 'timed_out');
    expect(bot.databricks.patches).toEqual([]);
  });
});
