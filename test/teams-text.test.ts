import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { literalMarkupIn, shownTextsOf } from './support/card-texts.js';
import { seedTeamsDatabricks, TEAMS_PEOPLE, TEAMS_POLICY } from './support/teams-fixture.js';
import { startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';

const { requester: dana, approver: erin } = TEAMS_PEOPLE;
let teams: TeamsTestBot;

beforeAll(async () => {
  teams = await startTeamsTestBot({
    policy: TEAMS_POLICY,
    teamsPeople: Object.values(TEAMS_PEOPLE),
    env: { ADMIN_TEAMS_USERS: erin.email },
  });
  seedTeamsDatabricks(teams.bot.databricks);
});
afterAll(async () => {
  await teams?.stop();
});

/** What people would type: every command, plus the usual mistakes (each answer has our own text). */
const TYPED = [
  'help',
  'helpp',
  'frobnicate the cluster',
  'request-access',
  'request-access analysts',
  'request-access analysts forever',
  'request-access nosuchgroup 2h fixing',
  'request-access analysts 3d fixing the job',
  'access',
  'revoke',
  'revoke nosuchgroup',
  'policies',
  'subscribe',
  'subscriptions',
  'connect now',
  'connectors',
  'connector',
  'findings',
  'agents',
  'cost',
  'cost 7x by nothing',
  'alerts',
  'home',
];

describe('what Teams shows is plain text: no code spans or backslash escapes', () => {
  it('answers every command and mistake without a backtick or a backslash escape', async () => {
    await teams.install(dana);
    for (const typed of TYPED) {
      const answer = await teams.say(dana, typed);
      expect(answer.status, typed).toBe(200);
    }
    const cards = teams.cardsTo(dana.personalChat);
    expect(cards.length).toBeGreaterThanOrEqual(TYPED.length);
    const texts = shownTextsOf(cards);
    expect(literalMarkupIn(texts)).toEqual([]);
    // The help still names each command with its usage, quoted rather than in a code span.
    const help = JSON.stringify(
      cards.find((card) => JSON.stringify(card).includes('request-access [group]')),
    );
    expect(help).toContain('“request-access [group] [duration] [reason…]”');
    // Typed text is shown as typed: a look-alike keeps `*` visible without making it markup.
    await teams.say(dana, 'request-access *analysts* 2h x');
    expect(JSON.stringify(teams.cardsTo(dana.personalChat).at(-1))).toContain('∗analysts∗');
  });

  it('the install greeting and help are plain too', async () => {
    await teams.install(erin);
    const texts = shownTextsOf(teams.cardsTo(erin.personalChat));
    expect(texts.length).toBeGreaterThan(5);
    expect(literalMarkupIn(texts)).toEqual([]);
  });
});
