import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestRequestOf, seedTeamsDatabricks, TEAMS_PEOPLE, TEAMS_POLICY } from './support/teams-fixture.js';
import { startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';

const { requester: dana, approver: erin, outsider: frank } = TEAMS_PEOPLE;
let teams: TeamsTestBot;

beforeAll(async () => {
  teams = await startTeamsTestBot({ policy: TEAMS_POLICY, teamsPeople: Object.values(TEAMS_PEOPLE) });
  seedTeamsDatabricks(teams.bot.databricks);
  await teams.install(dana);
});
afterAll(async () => {
  await teams.stop();
});

async function approvalDeliveryTo(requester: string) {
  const request = (await latestRequestOf(teams, requester))!;
  return teams.bot.db
    .selectFrom('message_deliveries')
    .selectAll()
    .where('subject_id', '=', request.id)
    .where('purpose', '=', 'approval')
    .where('recipient', '=', `teams:${erin.email}`)
    .executeTakeFirstOrThrow();
}

describe('Teams deliveries that cannot succeed are recorded once, not retried', () => {
  it('an approver the bot has never met: the request stands, the delivery is failed with the reason', async () => {
    await teams.say(dana, 'request-access analysts 1h monthly close');
    expect((await latestRequestOf(teams, 'teams:dana@example.com'))!.state).toBe('pending');
    const delivery = await approvalDeliveryTo('teams:dana@example.com');
    expect(delivery).toMatchObject({ state: 'failed', attempts: 1 });
    expect(delivery.last_error).toContain(
      'no Teams user with the e-mail erin@example.com has talked to the bot yet',
    );
  });

  it('a 1:1 chat Teams refuses (the app was removed): failed with the HTTP status after one attempt', async () => {
    await teams.install(erin);
    await teams.install(frank);
    teams.connector.refuse(erin.personalChat, 403);
    await teams.say(frank, 'request-access analysts 1h audit prep');
    const delivery = await approvalDeliveryTo('teams:frank@example.com');
    expect(delivery).toMatchObject({ state: 'failed', attempts: 1 });
    expect(delivery.last_error).toContain('Teams: HTTP 403');
  });
});
