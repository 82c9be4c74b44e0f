/**
 * Credentials never reach the logs, even when every outside system fails at the network level
 * and the logger runs at debug: Slack (bot token), Databricks (OAuth client secret, access
 * tokens) and the Bot Connector. The captured logger here is the production one, built without
 * the configured secrets, so only redaction by key and by pattern protects them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_POLICY, PEOPLE, SLACK_USERS, seedDatabricks } from './support/access-fixture.js';
import { SIGNING_SECRET } from './support/test-bot.js';
import { TEAMS_PEOPLE } from './support/teams-fixture.js';
import { startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';

const CLIENT_SECRET = 'sp-secret-value';
let teams: TeamsTestBot;

beforeAll(async () => {
  teams = await startTeamsTestBot({
    policy: ACCESS_POLICY,
    teamsPeople: [TEAMS_PEOPLE.requester],
    slackUsers: SLACK_USERS,
    env: { LOG_LEVEL: 'debug' },
  });
  seedDatabricks(teams.bot.databricks);
  await teams.install(TEAMS_PEOPLE.requester);
});
afterAll(async () => {
  await teams.stop();
});

const logText = () => teams.bot.logs.text();
const errorsMentioning = (pattern: RegExp) =>
  teams.bot.logs
    .lines()
    .filter((line) => ['warn', 'error'].includes(String(line.level)) && pattern.test(JSON.stringify(line)));

describe('logs when Slack, Databricks and the Bot Connector are unreachable (LOG_LEVEL=debug)', () => {
  it('Databricks down: the failure is logged, its client secret and tokens are not', async () => {
    // One call first, so the bot holds an access token it could leak.
    await teams.bot.services.access.databricks.findUserByEmail(PEOPLE.requester.email);
    await teams.bot.databricks.close();
    await teams.bot.command(PEOPLE.requester.id, 'request-access analysts 2h load the nightly tables');
    expect(errorsMentioning(/ECONNREFUSED|failed after|fetch failed/i).length).toBeGreaterThan(0);
  });

  it('Bot Connector down: the failed reply is logged', async () => {
    await teams.connector.close();
    await teams.say(TEAMS_PEOPLE.requester, 'access');
    expect(errorsMentioning(/ECONNREFUSED|connect/i).length).toBeGreaterThan(0);
  });

  it('Slack down: the failed Web API calls are logged, the bot token is not', async () => {
    await teams.bot.slack.close();
    const before = teams.bot.logs.lines().length;
    await teams.bot.command(PEOPLE.approver1.id, 'request-access analysts 2h another try');
    const lines = teams.bot.logs.lines().slice(before);
    expect(lines.some((line) => /ECONNREFUSED|request error|socket/i.test(JSON.stringify(line)))).toBe(true);
  });

  it('no line carries a configured secret, a bearer token or a client secret', () => {
    const text = logText();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [SIGNING_SECRET, teams.bot.slack.botToken, CLIENT_SECRET]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/xox[abposer]-/);
    expect(text).not.toMatch(/\b(Bearer|Basic)\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{4,}/i);
    expect(text).not.toMatch(/client_secret["']?\s*[=:]\s*["']?(?!\[redacted\])[^&"'\s,}]+/i);
    expect(text).not.toMatch(/"authorization":"(?!\[redacted\])/i);
  });
});
