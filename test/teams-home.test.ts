import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  latestRequestOf,
  seedTeamsDatabricks,
  TEAMS_PEOPLE,
  TEAMS_POLICY,
  text,
} from './support/teams-fixture.js';
import { invokeCard, startTeamsTestBot, verbsOf, type TeamsTestBot } from './support/teams-test-bot.js';

const { requester: dana, approver: erin, outsider: frank } = TEAMS_PEOPLE;
let teams: TeamsTestBot;

beforeAll(async () => {
  teams = await startTeamsTestBot({ policy: TEAMS_POLICY, teamsPeople: Object.values(TEAMS_PEOPLE) });
  seedTeamsDatabricks(teams.bot.databricks);
});
afterAll(async () => {
  await teams?.stop();
});

type Card = Record<string, unknown>;
const refreshOf = (card: Card) => card.refresh as { action: { verb: string }; userIds: string[] };
/** The Action.Execute buttons of a card, nested ones (ActionSet, Action.ShowCard) included, with their data. */
function buttonsOf(node: unknown): { verb: string; data: { value?: string } }[] {
  if (Array.isArray(node)) return node.flatMap(buttonsOf);
  if (typeof node !== 'object' || node === null) return [];
  const element = node as Record<string, unknown>;
  const own =
    element.type === 'Action.Execute'
      ? [element as unknown as { verb: string; data: { value?: string } }]
      : [];
  return [
    ...own,
    ...Object.entries(element)
      .filter(([key]) => key !== 'refresh' && key !== 'fallback')
      .flatMap(([, value]) => buttonsOf(value)),
  ];
}
const home = (person: typeof dana) =>
  teams.click(person, 'home.refresh', { action: 'home.refresh' }).then(invokeCard);

describe('the Teams home card: my access and the requests waiting for me (Slack’s App Home)', () => {
  it('comes with the greeting when the bot is added, and refreshes itself for its owner', async () => {
    await teams.install(erin);
    const [greeting, card] = teams.cardsTo(erin.personalChat);
    expect(text(greeting)).toContain('I grant temporary access');
    expect(text(greeting)).toContain('“home”');
    expect(text(card)).toContain('Databricks access');
    expect(text(card)).toContain('You have no active access or pending requests');
    expect(text(card)).toContain('No requests waiting for you');
    expect(refreshOf(card!)).toMatchObject({ action: { verb: 'home.refresh' }, userIds: [erin.id] });
  });

  it('shows my pending request and, to the approver, the request with Approve and Deny', async () => {
    await teams.install(dana);
    await teams.say(dana, 'request-access analysts 2h fix the nightly job');
    const request = (await latestRequestOf(teams, 'teams:dana@example.com'))!;

    await teams.say(dana, 'home');
    const mine = teams.cardsTo(dana.personalChat).at(-1)!;
    expect(text(mine)).toMatch(/Pending: “?analysts”? for 2h/);
    expect(text(mine)).toContain('No requests waiting for you');
    expect(refreshOf(mine).userIds).toEqual([dana.id]);

    // Erin's card, as Teams fetches it when she looks at it (the refresh invoke).
    const waiting = await home(erin);
    expect(text(waiting)).toContain('Waiting for your decision');
    expect(text(waiting)).toMatch(/AR-\d+: access to analysts for 2h/);
    expect(text(waiting)).toContain('fix the nightly job');
    const decisions = buttonsOf(waiting).filter((b) => b.verb !== 'home.refresh');
    expect(decisions.map((b) => [b.verb, b.data.value])).toEqual([
      ['home.approve', request.id],
      ['home.deny', request.id],
    ]);
    expect(verbsOf(waiting)).toContain('home.refresh');
    // The requester sees no decision buttons on their own request.
    expect(buttonsOf(await home(dana)).map((b) => b.verb)).not.toContain('home.approve');
  });

  it('refuses a decision from someone who is not an approver, on their own home card', async () => {
    await teams.install(frank);
    const request = (await latestRequestOf(teams, 'teams:dana@example.com'))!;
    const answer = invokeCard(
      await teams.click(frank, 'home.approve', { action: 'home.approve', value: request.id }),
    );
    expect(text(answer)).toContain('Databricks access');
    expect((answer.body as { color?: string }[])[0]).toMatchObject({ color: 'Warning' });
    expect((await latestRequestOf(teams, 'teams:dana@example.com'))!.state).toBe('pending');
  });

  it('Approve on the home card grants the access; both home cards show it', async () => {
    const request = (await latestRequestOf(teams, 'teams:dana@example.com'))!;
    const after = invokeCard(
      await teams.click(erin, 'home.approve', { action: 'home.approve', value: request.id }),
    );
    expect(text(after)).toContain('You approved analysts.');
    expect(text(after)).toContain('No requests waiting for you');
    await teams.bot.idle();
    expect((await latestRequestOf(teams, 'teams:dana@example.com'))!.state).toBe('active');
    const mine = await home(dana);
    expect(text(mine)).toMatch(/Active: “?analysts”? until/);
  });

  it('Deny on the home card takes the reason typed under that request', async () => {
    await teams.say(dana, 'request-access watched 1h look at the audit');
    const request = await teams.bot.db
      .selectFrom('access_requests')
      .selectAll()
      .where('group_key', '=', 'watched')
      .executeTakeFirstOrThrow();
    const after = invokeCard(
      await teams.click(erin, 'home.deny', {
        action: 'home.deny',
        value: request.id,
        [`denyReason-${request.id}`]: 'not this week',
      }),
    );
    expect(text(after)).toContain('You denied watched.');
    expect(
      await teams.bot.db
        .selectFrom('access_requests')
        .selectAll()
        .where('id', '=', request.id)
        .executeTakeFirst(),
    ).toMatchObject({
      state: 'denied',
      deny_reason: 'not this week',
    });
  });
});
