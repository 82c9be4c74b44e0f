import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_POLICY, PEOPLE, SLACK_USERS, seedDatabricks } from './support/access-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;
const AUDIT = 'C0AUDIT001';
const PROD_ONLY = 'C0PRODONLY';

beforeAll(async () => {
  bot = await startTestBot({
    policy: ACCESS_POLICY,
    slackUsers: SLACK_USERS,
    env: { ADMIN_SLACK_USER_IDS: PEOPLE.admin.id },
  });
  seedDatabricks(bot.databricks);
});
afterAll(async () => {
  await bot.stop();
});

const repliesText = () =>
  bot.slack.responses.map((r) => JSON.stringify(r.body).replace(/\\"/g, '"')).join('\n');
const postsTo = (channel: string) =>
  bot.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === channel);

describe('channel subscriptions', () => {
  it('lets only admins subscribe a channel, and says so clearly', async () => {
    await bot.command(PEOPLE.outsider.id, 'subscribe access', { channelId: AUDIT });
    expect(repliesText()).toContain('Only admins can change what a channel is subscribed to.');
    await bot.command(PEOPLE.admin.id, 'subscribe weather', { channelId: AUDIT });
    expect(repliesText()).toContain('"weather" is not a topic. Topics: access, connectors, cost, security.');
    await bot.command(PEOPLE.admin.id, 'subscribe access', { channelId: AUDIT });
    await bot.command(PEOPLE.admin.id, 'subscribe access group:prod', { channelId: PROD_ONLY });
    expect(repliesText()).toContain('This channel now gets access alerts.');
    await bot.command(PEOPLE.admin.id, 'subscribe access', { channelId: AUDIT });
    expect(repliesText()).toContain('This channel is already subscribed to access.');
    const rows = await bot.db.selectFrom('channel_subscriptions').selectAll().execute();
    expect(rows.map((row) => [row.channel_id, row.topic, row.filter_key])).toEqual([
      [AUDIT, 'access', ''],
      [PROD_ONLY, 'access', 'group:prod'],
    ]);
  });

  it('fans access requests and decisions out to matching channels only', async () => {
    await bot.command(PEOPLE.requester.id, 'request-access analysts 2h fix the nightly job');
    const audit = postsTo(AUDIT);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.params.blocks)).toMatch(/AR-\d+: access to analysts for 2h/);
    expect(JSON.stringify(audit[0]!.params.blocks)).not.toContain('access.approve');
    expect(postsTo(PROD_ONLY)).toHaveLength(0);
  });

  it('lists and removes subscriptions', async () => {
    await bot.command(PEOPLE.admin.id, 'subscriptions', { channelId: PROD_ONLY });
    expect(repliesText()).toContain('group:prod');
    await bot.command(PEOPLE.admin.id, 'unsubscribe access group:prod', { channelId: PROD_ONLY });
    expect(repliesText()).toContain('This channel no longer gets access alerts.');
    await bot.command(PEOPLE.admin.id, 'unsubscribe access', { channelId: PROD_ONLY });
    expect(repliesText()).toContain('This channel is not subscribed to access with that filter.');
  });
});
