import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessSweeperJob } from '../jobs/access-sweeper-job.js';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import { HOUR } from './support/manual-clock.js';
import {
  APPROVERS_CHANNEL,
  latestRequestOf,
  seedTeamsDatabricks,
  SLACK_PEOPLE,
  TEAMS_PEOPLE,
  text,
} from './support/teams-fixture.js';
import { startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';

const SLACK_CHANNEL = 'C0SHARED01';
const { requester: dana, approver: erin } = TEAMS_PEOPLE;
const bob = SLACK_PEOPLE.approver;
const alice = SLACK_PEOPLE.requester;

/** Approvers named once, by e-mail, for both platforms; one approval channel on each. */
const POLICY = `
groups:
  mixed:
    databricks_group: mixed-users
    approvers:
      people: [${bob.email}, ${erin.email.toUpperCase()}]
      slack_channel: ${SLACK_CHANNEL}
      teams_channel: "${APPROVERS_CHANNEL}"
    max_duration: 4h
    default_duration: 1h
    require_reason: false
`;

let teams: TeamsTestBot;

beforeAll(async () => {
  teams = await startTeamsTestBot({
    policy: POLICY,
    teamsPeople: Object.values(TEAMS_PEOPLE),
    slackUsers: Object.values(SLACK_PEOPLE),
  });
  seedTeamsDatabricks(teams.bot.databricks);
  await teams.install(erin);
  await teams.install(dana);
});
afterAll(async () => {
  await teams.stop();
});

type Card = { msteams?: { entities?: { text: string; mentioned: { id: string; name: string } }[] } };

describe('one person on both platforms', () => {
  it('approvers named by e-mail are mentioned in each approval channel, may decide from either platform, and every event is a thread reply', async () => {
    await teams.bot.command(alice.id, 'request-access mixed 1h');
    await teams.bot.idle();
    const request = (await latestRequestOf(teams, `slack:${alice.id}`))!;
    expect(request.state).toBe('pending');

    // Teams approval channel: one card; Erin is a real mention (<at> text + entity with her Teams
    // id), the Slack people are shown by name, never by a Slack id; no e-mail in a shared channel.
    const teamsCards = teams.connector.cardsPostedTo(APPROVERS_CHANNEL);
    expect(teamsCards).toHaveLength(1);
    const teamsCard = teamsCards[0]!;
    const shown = text(teamsCard.card);
    expect(shown).toContain(`1 approval from ${bob.name}, <at>Erin</at>`);
    expect(shown).toContain(`"title":"Requester","value":"${alice.name}"`);
    expect(shown).not.toContain(alice.id);
    expect(shown).not.toContain(bob.id);
    expect(shown).not.toContain(alice.email);
    expect((teamsCard.card as Card).msteams?.entities).toEqual([
      { type: 'mention', text: '<at>Erin</at>', mentioned: { id: erin.id, name: 'Erin' } },
    ]);

    // Slack approval channel: one card; bob (named by e-mail) is a real Slack mention, Erin a name.
    const slackPosts = () =>
      teams.bot.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === SLACK_CHANNEL);
    expect(slackPosts()).toHaveLength(1);
    expect(JSON.stringify(slackPosts()[0]!.params.blocks)).toContain(`1 approval from <@${bob.id}>, Erin`);

    // Both channels mention the approvers, so nobody gets a DM copy of the card.
    expect(
      teams.connector
        .cardsPostedTo(erin.personalChat)
        .map((c) => text(c.card))
        .join(),
    ).not.toContain(ACCESS_ACTIONS.approve);
    expect(
      teams.bot.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === bob.id),
    ).toHaveLength(0);

    // bob, named only by e-mail, approves from Slack.
    await teams.bot.click(bob.id, ACCESS_ACTIONS.approve, request.id);
    await teams.bot.idle();
    expect((await latestRequestOf(teams, `slack:${alice.id}`))!.state).toBe('active');
    teams.bot.clock.advance(HOUR);
    await teams.bot.runJob(accessSweeperJob, {});
    await teams.bot.idle();
    expect((await latestRequestOf(teams, `slack:${alice.id}`))!.state).toBe('expired');

    // Teams: still one top-level card, updated in place; approved / active / expired are replies
    // in its thread, each saying something different, with the short reference.
    const posts = teams.connector.calls.filter(
      (call) => call.method === 'POST' && call.conversationId === APPROVERS_CHANNEL,
    );
    expect(posts.filter((call) => !call.replyToId)).toHaveLength(1);
    const replies = posts
      .filter((call) => call.replyToId === teamsCard.activityId)
      .map((call) => text(call.body));
    expect(replies).toHaveLength(3);
    expect(replies[0]).toContain(`AR-${request.number} approved by ${bob.name}`);
    expect(replies[1]).toContain(
      `AR-${request.number}: ${alice.name} has mixed until {{DATE(2026-11-23T10:00:00Z, SHORT)}}`,
    );
    expect(replies[2]).toContain(`AR-${request.number}: ${alice.name}'s access to mixed ended at`);
    const updates = teams.connector.calls.filter(
      (call) => call.method === 'PUT' && call.activityId === teamsCard.activityId,
    );
    expect(updates.length).toBeGreaterThan(0);
    expect(text(updates.at(-1)!.body)).toContain('Expired at');

    // Slack: the same, with thread_ts under the one channel message.
    const parentTs = slackPosts()[0]!.response.ts;
    expect(slackPosts().filter((call) => call.params.thread_ts === undefined)).toHaveLength(1);
    expect(slackPosts().filter((call) => call.params.thread_ts === parentTs)).toHaveLength(3);
  });

  it('the Slack requester is told once, by name-aware messages, with times as Slack date tokens', async () => {
    const dms = teams.bot.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.params.channel === alice.id)
      .map((call) => String(call.params.text));
    expect(dms.filter((dm) => dm.includes('was sent to the approvers'))).toHaveLength(0);
    expect(dms).toContain(`Your request for mixed was approved by <@${bob.id}>`);
    expect(dms).toContain(
      'Your access to mixed is active until <!date^1795428000^{date_short_pretty} {time_secs}|2026-11-23 10:00:00 UTC>',
    );
  });
});
