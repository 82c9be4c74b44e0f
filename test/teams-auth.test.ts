import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeBotConnector, type FakeBotConnector } from './fakes/fake-bot-connector.js';
import { messageActivity, postActivity } from './support/teams-activities.js';
import { TEAMS_PEOPLE } from './support/teams-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;
let connector: FakeBotConnector;

beforeAll(async () => {
  connector = await startFakeBotConnector({ members: Object.values(TEAMS_PEOPLE) });
  bot = await startTestBot({
    env: {
      MICROSOFT_APP_ID: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: 'tenant-1',
    },
  });
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});

const activity = () => messageActivity(TEAMS_PEOPLE.requester, 'help', { serviceUrl: connector.serviceUrl });

async function nothingReachedAHandler() {
  await bot.idle();
  expect(connector.calls).toEqual([]);
  expect(connector.memberLookups).toEqual([]);
  const seen = await bot.db.selectFrom('teams_conversations').select('conversation_id').execute();
  expect(seen).toEqual([]);
}

describe('Bot Framework authentication on /api/messages (MICROSOFT_APP_ID set)', () => {
  it('refuses an activity without a bearer token with 401, before any handler', async () => {
    const answer = await postActivity(bot.url, activity());
    expect(answer.status).toBe(401);
    await nothingReachedAHandler();
  });

  it('refuses an activity with a token that is not a Bot Framework token with 401', async () => {
    // botbuilder prints the AuthenticationError it answers 401 for; keep the test output clean.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await postActivity(bot.url, activity(), { authorization: 'Bearer not.a.jwt' });
    expect(answer.status).toBe(401);
    await nothingReachedAHandler();
  });
});
