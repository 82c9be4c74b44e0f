import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECT_FORM_VERB } from '../bots/teams/cards/connect-form.js';
import type { DatabricksEmulator } from '../emulator/databricks-emulator.js';
import { ACCOUNT_UUID, SP, emulatorEnv, startConnectorEmulator } from './support/connectors-fixture.js';
import { TEAMS_PEOPLE, TEAMS_POLICY, text } from './support/teams-fixture.js';
import { invokeCard, startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';

const { approver: erin, outsider: frank } = TEAMS_PEOPLE;
const TEAM_CHANNEL = '19:platform@thread.tacv2';
let teams: TeamsTestBot;
let emulator: DatabricksEmulator;

beforeAll(async () => {
  const started = await startConnectorEmulator();
  emulator = started.emulator;
  teams = await startTeamsTestBot({
    policy: TEAMS_POLICY,
    teamsPeople: Object.values(TEAMS_PEOPLE),
    env: { ADMIN_TEAMS_USERS: erin.email, ...emulatorEnv(started.caFile) },
  });
  await teams.install(erin);
  await teams.install(frank);
});
afterAll(async () => {
  await teams?.stop();
  await emulator?.close();
});

async function ask(person: typeof erin, words: string, channel?: string): Promise<string> {
  const where = channel ?? person.personalChat;
  const before = teams.cardsTo(where).length;
  expect((await teams.say(person, words, channel)).status).toBe(200);
  return text(teams.cardsTo(where).slice(before));
}

const form = (values: Record<string, string>) => ({ action: CONNECT_FORM_VERB, ...values });

describe('Teams connector commands', () => {
  it('`connect` answers admins with a form whose secret input is a password field', async () => {
    expect(await ask(frank, 'connect')).toContain(
      'Only admins can add, change or delete Databricks connectors.',
    );
    const cards = teams.cardsTo(erin.personalChat);
    await teams.say(erin, 'connect');
    const card = teams.cardsTo(erin.personalChat).slice(cards.length)[0] as {
      body: Record<string, unknown>[];
    };
    const inputs = card.body.filter((element) => element.type === 'Input.Text');
    expect(inputs.map((input) => input.id)).toEqual([
      'name',
      'workspace_url',
      'account_id',
      'client_id',
      'client_secret',
      'warehouse',
    ]);
    expect(inputs.find((input) => input.id === 'client_secret')).toMatchObject({ style: 'Password' });
  });

  it('shows the form again for an unknown host, keeping what was typed but not the secret', async () => {
    const answer = await teams.click(
      erin,
      CONNECT_FORM_VERB,
      form({
        name: 'prod',
        workspace_url: 'https://dbx.example.com',
        account_id: ACCOUNT_UUID,
        client_id: SP.clientId,
        client_secret: SP.clientSecret,
      }),
    );
    const card = JSON.stringify(invokeCard(answer));
    expect(card).toContain('dbx.example.com is not a Databricks workspace host');
    expect(card).toContain(SP.clientId);
    expect(card).not.toContain(SP.clientSecret);
  });

  it('validates and saves a connector from the form, reporting every check', async () => {
    const answer = await teams.click(
      erin,
      CONNECT_FORM_VERB,
      form({
        name: 'prod',
        workspace_url: emulator.url,
        account_id: ACCOUNT_UUID,
        client_id: SP.clientId,
        client_secret: SP.clientSecret,
      }),
    );
    const card = JSON.stringify(invokeCard(answer));
    expect(card).toContain('Connector prod saved');
    expect(card).toContain('✅ OAuth token');
    expect(card).toContain('✅ SELECT on system.lakeflow.job_run_timeline: Readable.');
    const rows = await teams.bot.db.selectFrom('connectors').select(['name', 'created_by']).execute();
    expect(rows).toEqual([{ name: 'prod', created_by: `teams:${erin.email}` }]);
    expect(teams.bot.logs.text()).not.toContain(SP.clientSecret);
    expect(JSON.stringify(teams.connector.cardsPostedTo(erin.personalChat))).not.toContain(SP.clientSecret);
  });

  it('`connectors` lists them; a connection string is refused outside the 1:1 chat', async () => {
    const list = await ask(frank, 'connectors');
    expect(list).toContain('Databricks connectors (1)');
    expect(list).toContain('Connector prod');
    expect(await ask(erin, 'connector connection-string us-east-1', TEAM_CHANNEL)).toContain(
      'Ask me for a connection string in our 1:1 chat: it is a secret.',
    );
  });
});
