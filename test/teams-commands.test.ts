import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVERS_CHANNEL,
  latestRequestOf,
  seedTeamsDatabricks,
  TEAMS_PEOPLE,
  TEAMS_POLICY,
  text,
} from './support/teams-fixture.js';
import { teamsPerson } from './support/teams-activities.js';
import { startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';

const { requester: dana, approver: erin, outsider: frank } = TEAMS_PEOPLE;
const TEAM_CHANNEL = '19:general@thread.tacv2';
let teams: TeamsTestBot;
let seeded: ReturnType<typeof seedTeamsDatabricks>;

beforeAll(async () => {
  teams = await startTeamsTestBot({
    policy: TEAMS_POLICY,
    teamsPeople: Object.values(TEAMS_PEOPLE),
    env: { ADMIN_TEAMS_USERS: erin.email },
  });
  seeded = seedTeamsDatabricks(teams.bot.databricks);
});
afterAll(async () => {
  await teams.stop();
});

/** What the bot answered in a conversation since `before` cards were there. */
const answersIn = (conversationId: string, before: number) =>
  text(teams.cardsTo(conversationId).slice(before));

async function ask(
  person: typeof dana,
  words: string,
  channel?: string,
  mentions: (typeof dana)[] = [],
): Promise<string> {
  const where = channel ?? person.personalChat;
  const before = teams.cardsTo(where).length;
  const answer = await teams.say(person, words, channel, mentions);
  expect(answer.status).toBe(200);
  return answersIn(where, before);
}

describe('Teams commands, typed in a 1:1 chat or with an @mention in a channel', () => {
  it('`help` lists the commands; anything unknown gets help too, saying so', async () => {
    const help = await ask(dana, 'help');
    for (const command of ['request-access', 'access', 'revoke', 'policies']) expect(help).toContain(command);
    expect(await ask(dana, 'frobnicate the cluster')).toContain('\\"frobnicate\\" is not a command I know');
  });

  it('`policies` lists the requestable groups with their limits', async () => {
    const policies = await ask(dana, 'policies');
    expect(policies).toContain('Requestable Databricks groups');
    expect(policies).toContain('data-analysts');
    expect(policies).toContain('up to 8h, default 2h');
  });

  it('an approver first met in a channel gets the approval card in a 1:1 chat the bot opens', async () => {
    // Erin talks to the bot only in a channel (with an @mention, stripped before parsing).
    expect(await ask(erin, 'policies', TEAM_CHANNEL)).toContain('Requestable Databricks groups');
    expect(teams.connector.memberLookups.map((l) => l.userId)).toContain(erin.id);

    const answer = await ask(dana, 'request-access analysts 1h check the nightly numbers');
    expect(answer).toMatch(/AR-\d+: your request for analysts for 1h was sent to the approvers/);
    expect(teams.connector.conversationsCreated).toHaveLength(1);
    const created = teams.connector.conversationsCreated[0]!;
    expect(created.body).toMatchObject({ isGroup: false, members: [{ id: erin.id }] });
    const approval = text(teams.cardsTo(created.id));
    expect(approval).toContain('check the nightly numbers');
    expect(approval).toContain('access.approve');
  });

  it('`access` shows my pending requests and active grants', async () => {
    const mine = await ask(dana, 'access');
    expect(mine).toMatch(/Pending: “?analysts”? for 1h \(AR-\d+\)/);
    expect(await ask(frank, 'access')).toContain('You have no active access or pending requests');
  });

  it('refuses what the policy refuses, in words, and files nothing', async () => {
    expect(await ask(frank, 'request-access analysts 2x because')).toContain('\\"2x\\" is not a duration');
    expect(await ask(frank, 'request-access analysts 12h because')).toContain('longer than analysts allows');
    expect(await ask(frank, 'request-access analysts 1h')).toContain('analysts needs a reason');
    expect(await ask(frank, 'request-access nosuchgroup 1h x')).toContain(
      'There is no requestable group called',
    );
    expect(await latestRequestOf(teams, 'teams:frank@example.com')).toBeUndefined();
  });

  it('a person Teams gives no e-mail for is told why nothing can be requested', async () => {
    const ghost = teamsPerson('ghost', 'ghost@example.com'); // not in the fake tenant's member list
    expect(await ask(ghost, 'request-access analysts 1h reason')).toContain(
      'could not read your e-mail address',
    );
  });

  it('a request in a channel is answered there; the policy’s Teams channel gets the approval card', async () => {
    const answer = await ask(frank, 'request-access watched 1h', TEAM_CHANNEL);
    expect(answer).toMatch(/AR-\d+: your request for watched for 1h was sent to the approvers/);
    const channelCard = text(teams.cardsTo(APPROVERS_CHANNEL));
    expect(channelCard).toMatch(/AR-\d+: access to watched for 1h/);
    expect(channelCard).toContain('access.approve');
  });

  it('`revoke <group>` ends my active grant now and removes the membership', async () => {
    const request = (await latestRequestOf(teams, 'teams:dana@example.com'))!;
    await teams.click(erin, 'access.approve', { action: 'access.approve', value: request.id });
    expect((await latestRequestOf(teams, 'teams:dana@example.com'))!.state).toBe('active');

    expect(await ask(frank, 'revoke analysts')).toContain('You have no active access to analysts');
    expect(await ask(frank, 'revoke analysts someone')).toContain('is not a mention or an e-mail address');
    // Someone else's grant, named by @mention (resolved to their e-mail): only approvers and admins.
    expect(await ask(frank, 'revoke analysts <at>Dana</at>', TEAM_CHANNEL, [dana])).toContain(
      "Only the person with the access, the group's approvers or an admin can revoke it.",
    );
    expect(await ask(erin, 'revoke analysts <at>Dana</at>', TEAM_CHANNEL, [dana])).toContain(
      'Revoking the grant for analysts now',
    );
    await teams.bot.idle();
    expect((await latestRequestOf(teams, 'teams:dana@example.com'))!.state).toBe('revoked');
    expect(teams.bot.databricks.patches.at(-1)).toMatchObject({
      groupId: seeded.groupIds.analysts,
      removed: [seeded.userIds['dana@example.com']],
    });
    expect(text(teams.cardsTo(dana.personalChat))).toContain(
      'Your access to analysts was revoked by <at>Erin</at>',
    );
  });

  it('admins subscribe a channel to access alerts; requests then show up there, without buttons', async () => {
    expect(await ask(frank, 'subscribe access', TEAM_CHANNEL)).toContain(
      'Only admins can change what a channel',
    );
    expect(await ask(erin, 'subscribe access', TEAM_CHANNEL)).toContain(
      'This channel now gets access alerts.',
    );
    expect(await ask(erin, 'subscriptions', TEAM_CHANNEL)).toContain('Alert subscriptions of this channel');

    const before = teams.cardsTo(TEAM_CHANNEL).length;
    await ask(dana, 'request-access watched 30m');
    const alert = answersIn(TEAM_CHANNEL, before);
    expect(alert).toMatch(/AR-\d+: access to watched for 30m/);
    expect(alert).not.toContain('access.approve');
    expect(await ask(erin, 'unsubscribe access', TEAM_CHANNEL)).toContain(
      'This channel no longer gets access alerts.',
    );
  });
});
