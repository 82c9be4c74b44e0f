import type { FakeDatabricksAccounts } from '../fakes/fake-databricks-accounts.js';
import type { FakeSlackUser } from '../fakes/fake-slack-users.js';
import { teamsPerson } from './teams-activities.js';
import type { TeamsTestBot } from './teams-test-bot.js';

/** People in the fake Teams tenant; all of them also exist in the Databricks account. */
export const TEAMS_PEOPLE = {
  requester: teamsPerson('dana', 'Dana@Example.com'),
  approver: teamsPerson('erin', 'erin@example.com'),
  outsider: teamsPerson('frank', 'frank@example.com'),
};

/** People in the fake Slack workspace, for the mixed-platform flows. */
export const SLACK_PEOPLE = {
  requester: { id: 'U0SLACKREQ', email: 'alice@example.com', name: 'alice' },
  approver: { id: 'U0SLACKAPP', email: 'bob@example.com', name: 'bob' },
} satisfies Record<string, FakeSlackUser>;

export const APPROVERS_CHANNEL = '19:approvers@thread.tacv2';

export const TEAMS_POLICY = `
groups:
  analysts:
    databricks_group: data-analysts
    approvers:
      teams_users: [erin@example.com]
    max_duration: 8h
    default_duration: 2h
    require_reason: true
  mixed:
    databricks_group: mixed-users
    approvers:
      slack_users: [${SLACK_PEOPLE.approver.id}]
      teams_users: [erin@example.com]
    max_duration: 4h
    default_duration: 1h
    require_reason: false
  watched:
    databricks_group: watched-users
    approvers:
      teams_users: [erin@example.com]
      teams_channel: "${APPROVERS_CHANNEL}"
    max_duration: 4h
    require_reason: false
`;

/** Seeds the Databricks account with every person above and the groups the policy names. */
export function seedTeamsDatabricks(databricks: FakeDatabricksAccounts) {
  const people = [...Object.values(TEAMS_PEOPLE), ...Object.values(SLACK_PEOPLE)];
  const userIds = Object.fromEntries(
    people.map((person) => [
      person.email.toLowerCase(),
      databricks.addUser({ userName: person.email.toLowerCase(), displayName: person.name }).id,
    ]),
  );
  const groupIds = {
    analysts: databricks.addGroup({ displayName: 'data-analysts' }).id,
    mixed: databricks.addGroup({ displayName: 'mixed-users' }).id,
    watched: databricks.addGroup({ displayName: 'watched-users' }).id,
  };
  return { userIds, groupIds };
}

/** The newest request filed by a person (`teams:<e-mail>` or `slack:<id>`). */
export async function latestRequestOf(teams: TeamsTestBot, requester: string) {
  return teams.bot.db
    .selectFrom('access_requests')
    .selectAll()
    .where('requester', '=', requester)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Everything in a card, as one searchable string. */
export const text = (card: unknown) => JSON.stringify(card ?? null);
