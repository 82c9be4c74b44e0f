import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessSweeperJob } from '../jobs/access-sweeper-job.js';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import { REQUEST_ACCESS_MODAL } from '../bots/slack/views/request-access-modal.js';
import { auditTrailOf } from '../src/audit/record-audit-event.js';
import {
  ACCESS_POLICY,
  APPROVAL_CHANNEL,
  PEOPLE,
  SLACK_USERS,
  latestRequest,
  requestFormValues,
  seedDatabricks,
  waitForState,
} from './support/access-fixture.js';
import { HOUR } from './support/manual-clock.js';
import { slackDate } from '../bots/slack/render/slack-text.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;
let seeded: ReturnType<typeof seedDatabricks>;

beforeAll(async () => {
  bot = await startTestBot({ policy: ACCESS_POLICY, slackUsers: SLACK_USERS });
  seeded = seedDatabricks(bot.databricks);
});
afterAll(async () => {
  await bot.stop();
});

const postsTo = (channelOrUser: string) =>
  bot.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === channelOrUser);

describe('just-in-time access, end to end through Slack', () => {
  it('request form → approver cards → Approve → SCIM add → DMs → expiry → SCIM remove → every card updated', async () => {
    const submitted = await bot.submitView(
      PEOPLE.requester.id,
      REQUEST_ACCESS_MODAL,
      requestFormValues({
        group: 'analysts',
        durationSeconds: 7200,
        reason: 'fix the nightly job',
        ticket: 'https://jira.example.com/OPS-1',
      }),
    );
    expect(submitted.status).toBe(200);
    await bot.idle();
    const request = (await latestRequest(bot, PEOPLE.requester.id))!;
    expect(request).toMatchObject({
      state: 'pending',
      group_key: 'analysts',
      duration_seconds: 7200,
      databricks_user_id: seeded.userIds.requester,
    });

    // One card, in the approval channel, mentioning the approvers (so no DM copies for them),
    // with Approve / Deny; the requester's e-mail stays out of the shared channel.
    expect(postsTo(PEOPLE.approver1.id)).toHaveLength(0);
    expect(postsTo(PEOPLE.approver2.id)).toHaveLength(0);
    const cards = postsTo(APPROVAL_CHANNEL);
    expect(cards).toHaveLength(1);
    const parent = cards[0]!;
    for (const card of cards) {
      const blocks = JSON.stringify(card.params.blocks);
      expect(blocks).toContain(ACCESS_ACTIONS.approve);
      expect(blocks).toContain(ACCESS_ACTIONS.deny);
      expect(blocks).toContain('fix the nightly job');
      expect(blocks).toContain('https://jira.example.com/OPS-1');
      expect(blocks).toContain(`<@${PEOPLE.requester.id}>`);
      expect(blocks).toContain(`<@${PEOPLE.approver1.id}>, <@${PEOPLE.approver2.id}>`);
      expect(blocks).toContain(`AR-${request.number}`);
      const visible = JSON.stringify(
        (card.params.blocks as { type: string }[]).filter((block) => block.type !== 'actions'),
      );
      expect(visible).not.toContain(request.id);
      expect(blocks).not.toContain(PEOPLE.requester.email);
    }
    // The requester is told once: the form's confirmation, with the short reference.
    const confirmations = postsTo(PEOPLE.requester.id);
    expect(confirmations).toHaveLength(1);
    expect(JSON.stringify(confirmations[0]!.params)).toContain(
      `AR-${request.number}: your request for analysts for 2h was sent to the approvers`,
    );

    await bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, request.id);
    const active = await waitForState(bot, request.id, 'active');
    await bot.idle();
    expect(active.ends_at!.getTime() - active.starts_at!.getTime()).toBe(2 * HOUR);

    // Databricks was asked to add exactly this user to exactly this group, once.
    expect(bot.databricks.patches).toHaveLength(1);
    expect(bot.databricks.patches[0]).toMatchObject({
      groupId: seeded.groupIds.analysts,
      added: [seeded.userIds.requester],
    });
    expect(bot.databricks.groupMemberIds('data-analysts')).toEqual([seeded.userIds.requester]);

    // The requester hears: approved (by whom), and active until the exact end, in their own zone.
    const dms = JSON.stringify(postsTo(PEOPLE.requester.id).map((c) => c.params));
    expect(dms).toContain(`approved by <@${PEOPLE.approver1.id}>`);
    expect(dms).toContain(
      `is active until ${slackDate(new Date('2026-11-23T11:00:00Z'))}`.replaceAll('"', '\\"'),
    );
    expect(slackDate(new Date('2026-11-23T11:00:00Z'))).toBe(
      '<!date^1795431600^{date_short_pretty} {time_secs}|2026-11-23 11:00:00 UTC>',
    );

    // Every copy of the approval card now shows the decision, without buttons.
    for (const card of cards) {
      const now = bot.slack.message(card.response.channel as string, card.response.ts as string)!;
      const blocks = JSON.stringify(now.blocks);
      expect(blocks).toContain(`Approved by <@${PEOPLE.approver1.id}>`);
      expect(blocks).not.toContain(ACCESS_ACTIONS.approve);
    }

    // Time passes; the grant ends; the sweeper removes the membership.
    bot.clock.advance(2 * HOUR);
    await bot.runJob(accessSweeperJob, {});
    const expired = await waitForState(bot, request.id, 'expired');
    await bot.idle();
    expect(expired.ended_at).toEqual(bot.clock.now());
    expect(bot.databricks.patches).toHaveLength(2);
    expect(bot.databricks.patches[1]).toMatchObject({
      groupId: seeded.groupIds.analysts,
      removed: [seeded.userIds.requester],
    });
    expect(bot.databricks.groupMemberIds('data-analysts')).toEqual([]);
    expect(JSON.stringify(postsTo(PEOPLE.requester.id).map((c) => c.params))).toContain('has expired');
    for (const card of cards) {
      const blocks = JSON.stringify(
        bot.slack.message(card.response.channel as string, card.response.ts as string)!.blocks,
      );
      expect(blocks).toContain('Expired at <!date^1795431600^{date_short_pretty} {time_secs}|');
    }

    // The channel saw one message, edited in place; each event is a thread reply under it, each
    // with its own notification text.
    const channelPosts = postsTo(APPROVAL_CHANNEL);
    const topLevel = channelPosts.filter((call) => call.params.thread_ts === undefined);
    expect(topLevel).toHaveLength(1);
    const replies = channelPosts.filter((call) => call.params.thread_ts === parent.response.ts);
    const texts = replies.map((call) => call.params.text as string);
    expect(texts).toEqual([
      `AR-${request.number} approved by <@${PEOPLE.approver1.id}>; applying it in Databricks`,
      `AR-${request.number}: <@${PEOPLE.requester.id}> has analysts until <!date^1795431600^{date_short_pretty} {time_secs}|2026-11-23 11:00:00 UTC>`,
      `AR-${request.number}: <@${PEOPLE.requester.id}>'s access to analysts ended at <!date^1795431600^{date_short_pretty} {time_secs}|2026-11-23 11:00:00 UTC>`,
    ]);
    expect(new Set(texts).size).toBe(3);
    expect(bot.slack.callsTo('chat.update').every((call) => call.params.ts === parent.response.ts)).toBe(
      true,
    );

    const trail = (await auditTrailOf(bot.db, 'access_request', request.id)).map((event) => event.action);
    expect(trail).toEqual(['access.requested', 'access.approved', 'access.granted', 'access.expired']);
  });
});
