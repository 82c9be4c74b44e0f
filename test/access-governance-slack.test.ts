import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessReviewsJob } from '../jobs/access-reviews-job.js';
import { accessSweeperJob } from '../jobs/access-sweeper-job.js';
import { discoverGroupsJob } from '../jobs/discover-groups-job.js';
import { runCli } from '../src/cli/run-cli.js';
import { REVIEW_ACTIONS } from '../src/governance/reviews/review-messages.js';
import type { ReviewReport } from '../src/governance/reviews/review-report.js';
import {
  ACCESS_POLICY,
  PEOPLE,
  SLACK_USERS,
  eventually,
  repliesTo,
  saidTo,
  seedDatabricks,
} from './support/access-fixture.js';
import {
  groupPageReads,
  reviewCards,
  reviewItems,
  seedBulkAccount,
  storedMembers,
  withinRate,
  type GovernanceAccount,
} from './support/governance-fixture.js';
import { HOUR } from './support/manual-clock.js';
import { startTestBot, type TestBot } from './support/test-bot.js';
import { TEST_REDIS_URL } from './support/test-redis.js';

const AUDIT_CHANNEL = 'C0AUDIT001';
const GROUPS = 300;
const USERS = 3_000;
const MEMBERS_PER_GROUP = 12;

let bot: TestBot;
let seeded: ReturnType<typeof seedDatabricks>;
let account: GovernanceAccount;
/** Standing members of data-analysts: the requester and 24 people from the bulk. */
let analystsStanding: string[];

beforeAll(async () => {
  bot = await startTestBot({
    policy: ACCESS_POLICY,
    slackUsers: SLACK_USERS,
    // The fake refuses a third read within any second, like a rate-limited account.
    readsPerSecond: 2,
    env: { ADMIN_SLACK_USER_IDS: PEOPLE.admin.id, SCIM_DISCOVERY_READS_PER_SECOND: '2' },
  });
  seeded = seedDatabricks(bot.databricks);
  account = seedBulkAccount(bot.databricks, {
    users: USERS,
    groups: GROUPS,
    membersPerGroup: MEMBERS_PER_GROUP,
  });
  analystsStanding = [seeded.userIds.requester, ...account.bulkUserIds.slice(0, 24)];
  bot.databricks.setGroupMembers('data-analysts', analystsStanding);
  bot.databricks.setGroupMembers('prod-admins', [seeded.userIds.outsider]);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
});

const lastReply = async (userId: string, text: string, channelId?: string) =>
  repliesTo(bot, () => bot.command(userId, text, channelId ? { channelId } : {}));

/** Every copy of a review card as it reads now. */
async function cardText(cardId: string): Promise<string> {
  const posted = await bot.db
    .selectFrom('posted_messages')
    .select(['channel', 'message_id'])
    .where('subject_type', '=', 'review_card')
    .where('subject_id', '=', cardId)
    .execute();
  expect(posted).toHaveLength(1);
  const message = bot.slack.message(posted[0]!.channel, posted[0]!.message_id);
  return JSON.stringify(message?.blocks ?? null);
}

async function cardBlocks(cardId: string): Promise<unknown[]> {
  return JSON.parse(await cardText(cardId)) as unknown[];
}

/** The campaign a `review start` reply names. */
async function campaignStartedIn(reply: string) {
  const short = /Access review ([0-9a-f]{8}) started/.exec(reply)?.[1];
  if (!short) throw new Error(`no campaign started: ${reply}`);
  return bot.db
    .selectFrom('review_campaigns')
    .selectAll()
    .where(sql<boolean>`id::text like ${`${short}%`}`)
    .executeTakeFirstOrThrow();
}

describe('discovery and the groups commands (Slack)', () => {
  it('discovers hundreds of groups and thousands of members within the read budget', async () => {
    const started = Date.now();
    const since = bot.databricks.requests.length;
    await bot.runJob(discoverGroupsJob, {});
    const reads = groupPageReads(bot).filter((read) => bot.databricks.requests.indexOf(read) >= since);
    const totalGroups = GROUPS + 4;
    // Pages of 100 groups carry their members: one request per page, nothing per group.
    expect(reads).toHaveLength(Math.ceil(totalGroups / 100));
    expect(reads.every((read) => read.query.attributes?.includes('members'))).toBe(true);
    expect(bot.databricks.readsRefused).toBe(0);
    expect(
      withinRate(
        reads.map((read) => read.at),
        2,
      ),
    ).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);

    const run = await bot.db
      .selectFrom('discovery_runs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ state: 'done', groups: totalGroups, requests: reads.length });
    expect(run.members).toBe(GROUPS * MEMBERS_PER_GROUP + analystsStanding.length + 2);
    for (const [groupId, name] of [...account.groupNames].slice(0, 300)) {
      expect(await storedMembers(bot, groupId), name).toEqual(
        [...bot.databricks.groupMemberIds(groupId)].sort(),
      );
    }
    expect(await storedMembers(bot, seeded.groupIds.analysts)).toEqual([...analystsStanding].sort());
  }, 60_000);

  it('lists groups with member counts, requestability and owners, and shows one group', async () => {
    const list = await lastReply(PEOPLE.requester.id, 'groups data');
    expect(list).toContain('data-analysts');
    expect(list).toContain('25 members');
    expect(list).toContain('requestable as `analysts`');
    expect(list).toContain(`<@${PEOPLE.approver1.id}>`);
    const teams = await lastReply(PEOPLE.requester.id, 'groups team-');
    expect(teams).toContain('300 Databricks groups matching');
    expect(teams).toContain('270 more not shown');
    expect(teams).toContain('not requestable');

    const group = await lastReply(PEOPLE.requester.id, 'group analysts');
    expect(group).toContain('Standing members (25)');
    expect(group).toContain('alice');
    expect(group).toContain('Active grants (0)');
    const unknown = await lastReply(PEOPLE.requester.id, 'group no-such-group');
    expect(unknown).toContain('I have not discovered a group named');
  });

  it('stores only what changed and reports changes made outside the bot to access subscribers', async () => {
    await bot.command(PEOPLE.admin.id, 'subscribe access', { channelId: AUDIT_CHANNEL });
    const newcomer = account.bulkUserIds[2_999]!;
    const leaver = analystsStanding[24]!;
    bot.databricks.setGroupMembers('data-analysts', [...analystsStanding.slice(0, 24), newcomer]);
    const before = groupPageReads(bot).length;
    const result = (await bot.runJob(discoverGroupsJob, {})) as { changedGroups: number };
    expect(result.changedGroups).toBe(1);
    expect(groupPageReads(bot).length - before).toBe(4);
    expect(await storedMembers(bot, seeded.groupIds.analysts)).toEqual(
      [...analystsStanding.slice(0, 24), newcomer].sort(),
    );
    await bot.idle();
    await eventually(() => {
      const alert = saidTo(bot, AUDIT_CHANNEL);
      expect(alert).toContain('Members of data-analysts changed outside the bot');
      expect(alert).toContain('User 2999');
      expect(alert).toContain(`User ${String(account.bulkUserIds.indexOf(leaver)).padStart(4, '0')}`);
    });
    const group = await lastReply(PEOPLE.requester.id, 'group data-analysts');
    expect(group).toContain('added User 2999 (outside the bot)');
    // Put the account back as the review expects it.
    bot.databricks.setGroupMembers('data-analysts', analystsStanding);
    await bot.runJob(discoverGroupsJob, {});
  }, 60_000);
});

describe('an access review from start to completion (Slack)', () => {
  it('refuses people who are not admins or integration owners', async () => {
    const reply = await lastReply(PEOPLE.requester.id, 'review start analysts due:14d');
    expect(reply).toContain('Only admins and integration owners can start access reviews');
    expect(await bot.db.selectFrom('review_campaigns').select('id').execute()).toEqual([]);
  });

  it('sends one card per owner per group; keep, remove, convert, keep all; removal lands in Databricks', async () => {
    // Before the review, mallory may not request prod (only platform engineers may).
    expect(await lastReply(PEOPLE.outsider.id, 'request-access prod 1h incident')).toContain(
      'You are not allowed to request prod',
    );

    const started = await lastReply(PEOPLE.admin.id, 'review start analysts,prod due:14d');
    expect(started).toContain('started');
    expect(started).toContain('26 standing member(s) of 2 group(s)');
    const campaign = await campaignStartedIn(started);
    const cards = await reviewCards(bot, campaign.id);
    expect(cards.map((card) => [card.group_name, card.owner])).toEqual([
      ['data-analysts', `slack:${PEOPLE.approver1.id}`],
      ['data-analysts', `slack:${PEOPLE.approver2.id}`],
      ['prod-admins', `slack:${PEOPLE.approver1.id}`],
      ['prod-admins', `slack:${PEOPLE.approver2.id}`],
    ]);
    const [analysts1, analysts2, prod1] = cards;
    // 25 members come in pages of 10: Slack's 50-block limit holds.
    const blocks = await cardBlocks(analysts1!.id);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(await cardText(analysts1!.id)).toContain('members 1–10 of 25 (page 1 of 3)');

    const items = await reviewItems(bot, campaign.id);
    const analystsItems = items.filter((item) => item.group_name === 'data-analysts');
    expect(analystsItems).toHaveLength(25);
    const [kept, removed] = analystsItems;
    const mallory = items.find((item) => item.group_name === 'prod-admins')!;
    expect(mallory.member_id).toBe(seeded.userIds.outsider);

    const keepReply = await repliesTo(bot, () =>
      bot.click(PEOPLE.approver1.id, REVIEW_ACTIONS.keep, kept!.id),
    );
    expect(keepReply).toContain('keeps standing access to data-analysts');
    await repliesTo(bot, () => bot.click(PEOPLE.approver1.id, REVIEW_ACTIONS.remove, removed!.id));
    // A second owner clicking a decided member is told so; nothing changes.
    const late = await repliesTo(bot, () => bot.click(PEOPLE.approver2.id, REVIEW_ACTIONS.keep, removed!.id));
    expect(late).toContain('already decided');
    const outsider = await repliesTo(bot, () =>
      bot.click(PEOPLE.outsider.id, REVIEW_ACTIONS.keep, removed!.id),
    );
    expect(outsider).toContain('Only the owners of data-analysts can decide');
    await repliesTo(bot, () => bot.click(PEOPLE.approver1.id, REVIEW_ACTIONS.convert, mallory.id));

    // Remove and Convert went through SCIM: the members are gone from the fake account.
    await eventually(async () => {
      expect(bot.databricks.groupMemberIds('data-analysts')).not.toContain(removed!.member_id);
      expect(bot.databricks.groupMemberIds('prod-admins')).toEqual([]);
      const after = await reviewItems(bot, campaign.id);
      expect(after.filter((item) => item.removal_state === 'removed')).toHaveLength(2);
    });
    expect(bot.databricks.groupMemberIds('data-analysts')).toHaveLength(24);
    // The membership intents were confirmed and cleared, as after a grant's expiry.
    expect(await bot.db.selectFrom('group_memberships').selectAll().execute()).toEqual([]);

    // Every owner's copy shows the decisions.
    await eventually(async () => {
      expect(await cardText(analysts2!.id)).toContain('removed by');
      expect(await cardText(prod1!.id)).toContain('converted to just-in-time');
    });
    // Paging: the owner's own card moves to the next page.
    await bot.click(PEOPLE.approver1.id, REVIEW_ACTIONS.page, `${analysts1!.id}:1`);
    await eventually(async () => expect(await cardText(analysts1!.id)).toContain('page 2 of 3'));

    // Convert: mallory may now request prod when she needs it.
    expect(await lastReply(PEOPLE.outsider.id, 'request-access prod 1h incident')).toContain(
      'sent to the approvers',
    );

    // Keep all settles the rest of data-analysts; the campaign completes.
    const keepAll = await repliesTo(bot, () =>
      bot.click(PEOPLE.approver2.id, REVIEW_ACTIONS.keepAll, analysts2!.id),
    );
    expect(keepAll).toContain('Kept 23 member(s) of data-analysts');
    const done = await campaignStartedIn(started);
    expect(done.state).toBe('completed');
    const status = await lastReply(PEOPLE.admin.id, `review status ${campaign.id.slice(0, 8)}`);
    expect(status).toContain('completed');
    expect(status).toContain('data-analysts: 25 of 25 decided (keep 24, remove 1, convert 0)');
    expect(status).toContain('prod-admins: 1 of 1 decided (keep 0, remove 0, convert 1)');
  }, 60_000);

  it('exports the decisions (CLI and admin command) exactly as the audit trail records them', async () => {
    const campaign = await bot.db.selectFrom('review_campaigns').selectAll().executeTakeFirstOrThrow();
    const out: string[] = [];
    const code = await runCli(['review', 'report', campaign.id.slice(0, 8), '--stdout', 'json'], {
      stdout: (text) => void out.push(text),
      stderr: (text) => void out.push(text),
      stdin: (async function* () {})(),
      env: {
        DATABASE_URL: bot.runtime.options.config.databaseUrl,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: bot.redisPrefix,
        LOG_LEVEL: 'silent',
      },
    });
    expect(code).toBe(0);
    const report = JSON.parse(out.join('')) as ReviewReport;
    expect(report.rows).toHaveLength(26);
    const decided = await bot.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'review.decided')
      .orderBy('id')
      .execute();
    expect(decided).toHaveLength(26);
    for (const row of report.rows) {
      const event = decided.find((candidate) => String(candidate.id) === row.audit_event_id);
      expect(event, row.member).toBeDefined();
      expect(event!.actor).toBe(row.decided_by);
      expect(event!.after).toEqual({ decision: row.decision });
      expect(event!.subject_id).toBe(row.item_id);
      expect(event!.details).toMatchObject({ memberId: row.member_id, groupId: row.group_id });
      expect(new Date(event!.occurred_at).toISOString()).toBe(row.decided_at);
    }
    const removals = await bot.db
      .selectFrom('audit_events')
      .select('subject_id')
      .where('action', '=', 'review.member_removed')
      .execute();
    expect(removals.map((event) => event.subject_id).sort()).toEqual(
      report.rows
        .filter((row) => row.removal === 'removed')
        .map((row) => row.item_id)
        .sort(),
    );

    const csv: string[] = [];
    await runCli(['review', 'report', campaign.id, '--stdout', 'csv'], {
      stdout: (text) => void csv.push(text),
      stderr: () => undefined,
      stdin: (async function* () {})(),
      env: {
        DATABASE_URL: bot.runtime.options.config.databaseUrl,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: bot.redisPrefix,
        LOG_LEVEL: 'silent',
      },
    });
    const lines = csv.join('').trimEnd().split('\r\n');
    expect(lines).toHaveLength(27);
    expect(lines[0]).toBe(
      'campaign_id,item_id,group,group_id,member_id,member,member_type,decision,decided_by,decided_at,removal,removed_at,audit_event_id',
    );

    const chat = await lastReply(PEOPLE.admin.id, `review report ${campaign.id.slice(0, 8)}`);
    expect(chat).toContain('26 decision row(s)');
    expect(await lastReply(PEOPLE.requester.id, `review report ${campaign.id.slice(0, 8)}`)).toContain(
      'Only admins and integration owners',
    );
  });

  it('reminds owners before the due date and escalates to the integration owners after it (injected clock)', async () => {
    const started = await lastReply(PEOPLE.admin.id, 'review start all-requestable due:2d');
    expect(started).toContain('Left out: prod-admins (no standing members)');
    const campaign = await campaignStartedIn(started);
    const reminders = () =>
      [PEOPLE.approver1.id, PEOPLE.approver2.id].filter((id) =>
        saidTo(bot, id).includes('Reminder: access review due'),
      );
    const escalations = () =>
      bot.slack
        .callsTo('chat.postMessage')
        .filter(
          (call) =>
            call.params.channel === PEOPLE.admin.id && String(call.params.text).includes('is overdue'),
        ).length;

    // The reminder comes at due − min(3 days, half the campaign): 24 h after the start.
    bot.clock.advance(23 * HOUR);
    await bot.runJob(accessReviewsJob, {});
    await bot.idle();
    expect(reminders()).toEqual([]);
    bot.clock.advance(2 * HOUR);
    await bot.runJob(accessReviewsJob, {});
    await bot.runJob(accessReviewsJob, {});
    await bot.idle();
    await eventually(() => expect(reminders()).toEqual([PEOPLE.approver1.id, PEOPLE.approver2.id]));
    expect(escalations()).toBe(0);

    bot.clock.advance(24 * HOUR);
    await bot.runJob(accessReviewsJob, {});
    await bot.runJob(accessReviewsJob, {});
    await bot.idle();
    await eventually(() => expect(escalations()).toBe(1));
    const trail = await bot.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', campaign.id)
      .orderBy('id')
      .execute();
    expect(trail.map((event) => event.action)).toEqual([
      'review.started',
      'review.reminded',
      'review.escalated',
    ]);
    const status = await lastReply(PEOPLE.admin.id, 'review status');
    expect(status).toContain('0 of 24 decided');
    expect(status).toContain('Escalation');
  }, 60_000);

  it('keeps a removal Databricks refused pending, with its intent recorded, and completes it on the next pass', async () => {
    const open = await bot.db
      .selectFrom('review_items')
      .innerJoin('review_campaigns', 'review_campaigns.id', 'review_items.campaign_id')
      .selectAll('review_items')
      .where('review_campaigns.state', '=', 'open')
      .where('review_items.decision', 'is', null)
      .orderBy('review_items.member_display')
      .execute();
    const target = open[0]!;
    bot.databricks.failAllPatches({ status: 400 });
    await repliesTo(bot, () => bot.click(PEOPLE.approver1.id, REVIEW_ACTIONS.remove, target.id));
    await bot.idle();
    const failed = await bot.db
      .selectFrom('review_items')
      .selectAll()
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ decision: 'remove', removal_state: 'pending' });
    expect(failed.removal_error).toContain('HTTP 400');
    expect(bot.databricks.groupMemberIds('data-analysts')).toContain(target.member_id);
    // The intent stays recorded on the membership, as for a grant whose removal failed.
    expect(
      await bot.db
        .selectFrom('group_memberships')
        .select(['databricks_user_id', 'state', 'standing'])
        .where('databricks_user_id', '=', target.member_id)
        .execute(),
    ).toEqual([{ databricks_user_id: target.member_id, state: 'removing', standing: true }]);

    // The access sweeper retries it too (and must not forget it as a standing membership).
    bot.clock.advance(HOUR);
    await bot.runJob(accessSweeperJob, {});
    expect(
      await bot.db
        .selectFrom('group_memberships')
        .select('state')
        .where('databricks_user_id', '=', target.member_id)
        .execute(),
    ).toEqual([{ state: 'removing' }]);

    bot.databricks.stopFailing();
    await bot.runJob(accessReviewsJob, {});
    const done = await bot.db
      .selectFrom('review_items')
      .selectAll()
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(done.removal_state).toBe('removed');
    expect(bot.databricks.groupMemberIds('data-analysts')).not.toContain(target.member_id);
    expect(await bot.db.selectFrom('group_memberships').selectAll().execute()).toEqual([]);
  }, 60_000);
});
