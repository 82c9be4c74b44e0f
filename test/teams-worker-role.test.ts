import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import { AppRuntime } from '../src/runtime/app-runtime.js';
import {
  latestRequestOf,
  seedTeamsDatabricks,
  TEAMS_PEOPLE,
  TEAMS_POLICY,
  text,
} from './support/teams-fixture.js';
import { startTeamsTestBot, verbsOf, type TeamsTestBot } from './support/teams-test-bot.js';

const { requester: dana, approver: erin } = TEAMS_PEOPLE;
let teams: TeamsTestBot;
let worker: AppRuntime;
let seeded: ReturnType<typeof seedTeamsDatabricks>;

beforeAll(async () => {
  // The web process only answers Teams; a separate worker process (no HTTP, nothing in memory
  // about any conversation) sends every Teams message from the stored conversation references.
  teams = await startTeamsTestBot({
    policy: TEAMS_POLICY,
    teamsPeople: Object.values(TEAMS_PEOPLE),
    role: 'web',
  });
  worker = await AppRuntime.start({ ...teams.bot.runtime.options, role: 'worker' });
  seeded = seedTeamsDatabricks(teams.bot.databricks);
});
afterAll(async () => {
  await worker.stop();
  await teams.stop();
});

describe('Teams messages sent by the worker role', () => {
  it('posts and updates cards from stored conversation references alone', async () => {
    // The worker serves only its probes: no chat endpoint.
    const chat = await fetch(`http://127.0.0.1:${worker.port}/api/messages`, { method: 'POST' });
    expect(chat.status).toBe(404);
    await teams.install(erin);
    await teams.install(dana);
    await teams.say(dana, 'request-access analysts 1h rerun the export');
    const request = (await latestRequestOf(teams, 'teams:dana@example.com'))!;

    const [approval] = teams.connector
      .cardsPostedTo(erin.personalChat)
      .filter((c) => text(c.card).includes('rerun the export'));
    expect(verbsOf(approval!.card)).toEqual([ACCESS_ACTIONS.approve, ACCESS_ACTIONS.deny]);

    await teams.click(erin, ACCESS_ACTIONS.approve, { action: ACCESS_ACTIONS.approve, value: request.id });
    expect((await latestRequestOf(teams, 'teams:dana@example.com'))!.state).toBe('active');
    expect(teams.bot.databricks.patches.at(-1)).toMatchObject({
      added: [seeded.userIds['dana@example.com']],
    });
    expect(verbsOf(teams.cardNow(erin.personalChat, approval!.activityId))).toEqual([ACCESS_ACTIONS.revoke]);
    expect(text(teams.cardsTo(dana.personalChat))).toContain('Your access to analysts is active until');
  });
});
