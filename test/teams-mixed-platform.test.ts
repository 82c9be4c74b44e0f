import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import {
  latestRequestOf,
  seedTeamsDatabricks,
  SLACK_PEOPLE,
  TEAMS_PEOPLE,
  TEAMS_POLICY,
  text,
} from './support/teams-fixture.js';
import { invokeCard, startTeamsTestBot, verbsOf, type TeamsTestBot } from './support/teams-test-bot.js';

const { requester: dana, approver: erin } = TEAMS_PEOPLE;
let teams: TeamsTestBot;
let seeded: ReturnType<typeof seedTeamsDatabricks>;

beforeAll(async () => {
  teams = await startTeamsTestBot({
    policy: TEAMS_POLICY,
    teamsPeople: Object.values(TEAMS_PEOPLE),
    slackUsers: Object.values(SLACK_PEOPLE),
  });
  seeded = seedTeamsDatabricks(teams.bot.databricks);
  await teams.install(erin);
  await teams.install(dana);
});
afterAll(async () => {
  await teams.stop();
});

/** The Slack copies of a request's approval card as they read now. */
async function slackApprovalCards(requestId: string): Promise<string[]> {
  const posted = await teams.bot.db
    .selectFrom('posted_messages')
    .select(['channel', 'message_id'])
    .where('subject_id', '=', requestId)
    .where('purpose', '=', 'approval')
    .where('platform', '=', 'slack')
    .execute();
  return posted.map((p) => text(teams.bot.slack.message(p.channel, p.message_id)?.blocks));
}

/** The Teams copy of a request's approval card in the approver's 1:1 chat, as it reads now. */
async function teamsApprovalCard(requestId: string) {
  const posted = await teams.bot.db
    .selectFrom('posted_messages')
    .select(['channel', 'message_id'])
    .where('subject_id', '=', requestId)
    .where('purpose', '=', 'approval')
    .where('platform', '=', 'teams')
    .executeTakeFirstOrThrow();
  expect(posted.channel).toBe(erin.personalChat);
  return teams.cardNow(posted.channel, posted.message_id);
}

describe('one policy, approvers on Slack and Teams', () => {
  it('a request from Slack approved from Teams: the Slack card is updated with chat.update', async () => {
    await teams.bot.command(SLACK_PEOPLE.requester.id, 'request-access mixed 1h');
    const request = (await latestRequestOf(teams, `slack:${SLACK_PEOPLE.requester.id}`))!;
    expect(request.state).toBe('pending');
    expect(await slackApprovalCards(request.id)).toHaveLength(1);
    expect(verbsOf(await teamsApprovalCard(request.id))).toEqual([
      ACCESS_ACTIONS.approve,
      ACCESS_ACTIONS.deny,
    ]);

    const updatesBefore = teams.bot.slack.callsTo('chat.update').length;
    const answered = invokeCard(
      await teams.click(erin, ACCESS_ACTIONS.approve, { action: ACCESS_ACTIONS.approve, value: request.id }),
    );
    expect(text(answered)).toContain('Approved by <at>Erin</at>');

    expect((await latestRequestOf(teams, `slack:${SLACK_PEOPLE.requester.id}`))!.state).toBe('active');
    expect(teams.bot.databricks.patches.at(-1)).toMatchObject({
      groupId: seeded.groupIds.mixed,
      added: [seeded.userIds['alice@example.com']],
    });
    expect(teams.bot.slack.callsTo('chat.update').length).toBeGreaterThan(updatesBefore);
    for (const card of await slackApprovalCards(request.id)) {
      // A Teams approver is shown by name in Slack, which cannot mention them.
      expect(card).toContain('Approved by Erin at');
      expect(card).not.toContain(ACCESS_ACTIONS.approve);
    }
    const toRequester = text(
      teams.bot.slack
        .callsTo('chat.postMessage')
        .filter((call) => call.params.channel === SLACK_PEOPLE.requester.id)
        .map((call) => call.params),
    );
    expect(toRequester).toContain('approved by Erin');
  });

  it('a request from Teams approved from Slack: the Teams card is updated and the requester told in Teams', async () => {
    await teams.say(dana, 'request-access mixed 30m quick look');
    const request = (await latestRequestOf(teams, 'teams:dana@example.com'))!;
    expect(request.state).toBe('pending');
    expect(await slackApprovalCards(request.id)).toHaveLength(1);
    expect(text(teams.cardsTo(dana.personalChat))).toContain(
      `AR-${request.number}: your request for mixed for 30m was sent to the approvers`,
    );

    await teams.bot.click(SLACK_PEOPLE.approver.id, ACCESS_ACTIONS.approve, request.id);
    await teams.bot.idle();

    expect((await latestRequestOf(teams, 'teams:dana@example.com'))!.state).toBe('active');
    expect(teams.bot.databricks.patches.at(-1)).toMatchObject({
      groupId: seeded.groupIds.mixed,
      added: [seeded.userIds['dana@example.com']],
    });
    const card = await teamsApprovalCard(request.id);
    // A Slack approver is shown by their Slack name in Teams; Teams people are real mentions.
    expect(text(card)).toContain(`Approved by ${SLACK_PEOPLE.approver.name} at`);
    expect(text(card)).not.toContain(SLACK_PEOPLE.approver.id);
    expect(text(card)).toContain('"value":"<at>Dana</at>"');
    expect(JSON.stringify((card as { msteams?: unknown }).msteams)).toContain(
      '"mentioned":{"id":"29:dana","name":"Dana"}',
    );
    expect(verbsOf(card)).toEqual([ACCESS_ACTIONS.revoke]);
    expect(text(teams.cardsTo(dana.personalChat))).toContain('Your access to mixed is active until');
  });
});
