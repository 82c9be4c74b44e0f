import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeBotConnector, type FakeBotConnector } from './fakes/fake-bot-connector.js';
import { startFakeBotFrameworkKeys, type FakeBotFrameworkKeys } from './fakes/fake-bot-framework-keys.js';
import {
  cardActionInvoke,
  postActivity,
  TEAMS_BOT,
  TEAMS_TENANT,
  type TeamsPerson,
} from './support/teams-activities.js';
import { latestRequestOf, seedTeamsDatabricks, TEAMS_PEOPLE, TEAMS_POLICY } from './support/teams-fixture.js';
import { invokeCard, startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

const { requester: dana } = TEAMS_PEOPLE;
const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

/** The typeahead's invoke, as Teams sends it when someone types into a `Data.Query` ChoiceSet. */
function searchInvoke(
  person: TeamsPerson,
  serviceUrl: string,
  value: { dataset: string; queryText: string; data?: Record<string, unknown> },
) {
  return {
    type: 'invoke',
    name: 'application/search',
    id: `incoming-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
    recipient: TEAMS_BOT,
    conversation: { id: person.personalChat, conversationType: 'personal', tenantId: TEAMS_TENANT },
    channelData: { tenant: { id: TEAMS_TENANT } },
    value: { queryOptions: { skip: 0, top: 15 }, ...value },
  };
}

type SearchAnswer = { status: number; body: unknown };
const resultsOf = (answer: SearchAnswer) => {
  expect(answer.status).toBe(200);
  const body = answer.body as { type: string; value: { results: { title: string; value: string }[] } };
  expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
  return body.value.results;
};

const inputOf = (card: Record<string, unknown>, id: string) =>
  (card.body as Record<string, unknown>[]).find((element) => element.id === id)!;
const durationsOffered = (card: Record<string, unknown>) =>
  (inputOf(card, 'duration').choices as { value: string }[]).map((choice) => Number(choice.value));

describe('the Teams request form: group typeahead and durations that fit the group', () => {
  let teams: TeamsTestBot;
  const search = (value: Parameters<typeof searchInvoke>[2]) =>
    postActivity(teams.bot.url, searchInvoke(dana, teams.connector.serviceUrl, value));

  beforeAll(async () => {
    teams = await startTeamsTestBot({ policy: TEAMS_POLICY, teamsPeople: Object.values(TEAMS_PEOPLE) });
    seedTeamsDatabricks(teams.bot.databricks);
    await teams.install(dana);
  });
  afterAll(async () => {
    await teams?.stop();
  });

  it('offers the group as a Data.Query typeahead whose change resets the duration', async () => {
    await teams.say(dana, 'request-access');
    const form = teams.cardsTo(dana.personalChat).at(-1)!;
    expect(inputOf(form, 'group')).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'filtered',
      'choices.data': { type: 'Data.Query', dataset: 'access.groups' },
      valueChangedAction: { type: 'Action.ResetInputs', targetInputIds: ['duration'] },
    });
    expect(inputOf(form, 'duration')).toMatchObject({
      'choices.data': { type: 'Data.Query', dataset: 'access.durations', associatedInputs: 'auto' },
    });
  });

  it('answers the group typeahead with the matching requestable groups', async () => {
    expect(resultsOf(await search({ dataset: 'access.groups', queryText: 'ana' }))).toEqual([
      { title: 'analysts (max 8h)', value: 'analysts' },
    ]);
    // By Databricks group name too; and an empty query (dropdown opened) lists them all.
    expect(resultsOf(await search({ dataset: 'access.groups', queryText: 'watched-us' }))).toEqual([
      { title: 'watched (max 4h)', value: 'watched' },
    ]);
    expect(resultsOf(await search({ dataset: 'access.groups', queryText: '' })).map((r) => r.value)).toEqual([
      'analysts',
      'mixed',
      'watched',
    ]);
    expect(resultsOf(await search({ dataset: 'access.groups', queryText: 'nothing-like-it' }))).toEqual([]);
    const unknown = await search({ dataset: 'something-else', queryText: 'x' });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ statusCode: 404, type: 'application/vnd.microsoft.error' });
  });

  it('answers the duration typeahead with only what the chosen group allows, up to its maximum', async () => {
    const forAnalysts = resultsOf(
      await search({ dataset: 'access.durations', queryText: '', data: { group: 'analysts' } }),
    );
    expect(forAnalysts.map((r) => r.title)).toEqual(['30m', '1h', '2h', '4h', '8h']);
    const forMixed = resultsOf(
      await search({ dataset: 'access.durations', queryText: '', data: { group: 'mixed' } }),
    );
    expect(forMixed.map((r) => r.title)).toEqual(['30m', '1h', '2h', '4h']);
    // A typed duration the group allows is offered as typed; one over its maximum is not.
    expect(
      resultsOf(await search({ dataset: 'access.durations', queryText: '5h', data: { group: 'analysts' } })),
    ).toEqual([{ title: '5h', value: '18000' }]);
    expect(
      resultsOf(await search({ dataset: 'access.durations', queryText: '3d', data: { group: 'analysts' } })),
    ).toEqual([]);
  });

  it('answers odd typeahead queries with what it can, never an error', async () => {
    const odd = (value: Record<string, unknown>) =>
      postActivity(teams.bot.url, {
        ...searchInvoke(dana, teams.connector.serviceUrl, { dataset: '', queryText: '' }),
        value,
      });
    expect(resultsOf(await odd({ dataset: 'access.groups', queryText: 'a'.repeat(50_000) }))).toEqual([]);
    expect(
      resultsOf(
        await odd({
          dataset: 'access.groups',
          queryText: { not: 'text' },
          queryOptions: { top: -3, skip: 'x' },
        }),
      ).length,
    ).toBe(3);
    expect(
      resultsOf(await odd({ dataset: 'access.durations', queryText: '', data: { group: ['analysts'] } }))
        .length,
    ).toBe(9);
    expect(
      resultsOf(
        await odd({ dataset: 'access.durations', queryText: '2h', data: { group: 'no-such-group' } }),
      ),
    ).toEqual([{ title: '2h', value: '7200' }]);
  });

  it('refuses an over-maximum duration under the duration input, keeping what was typed, offering only valid ones', async () => {
    const answer = await teams.click(dana, 'access.request_form', {
      action: 'access.request_form',
      group: 'analysts',
      duration: '259200',
      reason: 'fix the nightly job',
      ticket: 'https://jira.example.com/OPS-7',
    });
    const form = invokeCard(answer);
    const body = form.body as Record<string, unknown>[];
    const at = body.findIndex((element) => element.id === 'duration');
    expect(body[at + 1]).toMatchObject({
      type: 'TextBlock',
      color: 'Attention',
      text: '3d is longer than analysts allows (at most 8h).',
    });
    expect(inputOf(form, 'group').value).toBe('analysts');
    expect(inputOf(form, 'reason').value).toBe('fix the nightly job');
    expect(inputOf(form, 'ticket').value).toBe('https://jira.example.com/OPS-7');
    expect(durationsOffered(form)).toEqual([1800, 3600, 7200, 14400, 28800]);
    expect(inputOf(form, 'duration')).toMatchObject({ label: 'For how long (at most 8h)', value: '7200' });
    expect(await latestRequestOf(teams, `teams:${dana.email.toLowerCase()}`)).toBeUndefined();

    // The same form, sent with a duration it offers, files the request.
    const filed = await teams.click(dana, 'access.request_form', {
      action: 'access.request_form',
      group: 'analysts',
      duration: '28800',
      reason: 'fix the nightly job',
    });
    expect(JSON.stringify(invokeCard(filed))).not.toContain('Input.ChoiceSet');
    expect(await latestRequestOf(teams, `teams:${dana.email.toLowerCase()}`)).toMatchObject({
      group_key: 'analysts',
      duration_seconds: 28800,
    });
  });
});

describe('typeahead and form invokes through an authenticating adapter (MICROSOFT_APP_ID set)', () => {
  let keys: FakeBotFrameworkKeys;
  let connector: FakeBotConnector;
  let bot: TestBot;

  beforeAll(async () => {
    keys = await startFakeBotFrameworkKeys();
    connector = await startFakeBotConnector({ members: Object.values(TEAMS_PEOPLE) });
    bot = await startTestBot({
      policy: TEAMS_POLICY,
      env: {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        MICROSOFT_APP_TENANT_ID: TEAMS_TENANT,
        MICROSOFT_APP_TYPE: 'SingleTenant',
        TEAMS_OPENID_METADATA_URL: keys.metadataUrl,
      },
    });
    // Dana is known already, so no turn needs to call out (that would need a real Entra token).
    await bot.db
      .insertInto('teams_users')
      .values({ teams_user_id: dana.id, email: dana.email.toLowerCase(), name: dana.name })
      .execute();
  });
  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
    await keys?.close();
  });

  const signed = (activity: { serviceUrl: string }, appId = APP_ID) => ({
    authorization: keys.authorization({ appId, serviceUrl: activity.serviceUrl }),
  });

  it('answers a signed typeahead invoke, and refuses one signed for another bot', async () => {
    const invoke = searchInvoke(dana, connector.serviceUrl, { dataset: 'access.groups', queryText: 'ana' });
    expect(resultsOf(await postActivity(bot.url, invoke, signed(invoke)))).toEqual([
      { title: 'analysts (max 8h)', value: 'analysts' },
    ]);
    // botbuilder prints the AuthenticationError it answers 401 for; keep the test output clean.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const forged = await postActivity(bot.url, invoke, signed(invoke, randomUUID()));
    expect(forged.status).toBe(401);
    const unsigned = await postActivity(bot.url, invoke);
    expect(unsigned.status).toBe(401);
  });

  it('refuses an over-maximum duration from a signed form invoke, as a field error', async () => {
    const click = cardActionInvoke(
      dana,
      'access.request_form',
      { action: 'access.request_form', group: 'mixed', duration: '28800', reason: 'x' },
      { serviceUrl: connector.serviceUrl },
    );
    const form = invokeCard(await postActivity(bot.url, click, signed(click)));
    expect(JSON.stringify(form)).toContain('8h is longer than mixed allows (at most 4h).');
    expect(durationsOffered(form)).toEqual([1800, 3600, 7200, 14400]);
  });
});
