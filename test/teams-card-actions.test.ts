import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import { accessSweeperJob } from '../jobs/access-sweeper-job.js';
import { MINUTE } from './support/manual-clock.js';
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
  for (const person of [dana, erin, frank]) await teams.install(person);
});
afterAll(async () => {
  await teams.stop();
});

const form = (values: Record<string, string>) => teams.click(dana, 'access.request_form', values);
const decide = (person: typeof dana, verb: string, requestId: string, extra: Record<string, string> = {}) =>
  teams.click(person, verb, { action: verb, value: requestId, ...extra });

describe('the request form card', () => {
  it('comes back with the problem on top and everything typed kept when the policy refuses it', async () => {
    const noReason = invokeCard(
      await form({ group: 'analysts', duration: '3600', ticket: 'https://t.example.com/1' }),
    );
    expect(text(noReason)).toContain('analysts needs a reason');
    expect(verbsOf(noReason)).toEqual(['access.request_form']);
    const inputs = (noReason.body as { id?: string; value?: string }[]).filter((element) => element.id);
    expect(Object.fromEntries(inputs.map((input) => [input.id, input.value]))).toMatchObject({
      group: 'analysts',
      duration: '3600',
      ticket: 'https://t.example.com/1',
    });

    const tooLong = invokeCard(await form({ group: 'analysts', duration: '86400', reason: 'long job' }));
    expect(text(tooLong)).toContain('1d is longer than analysts allows');
    expect(text(tooLong)).toContain('long job');
    expect(await latestRequestOf(teams, 'teams:dana@example.com')).toBeUndefined();
  });
});

describe('Approve and Deny on the approval card', () => {
  let requestId: string;

  it('refuses the requester, people who are not approvers, and a second decision, saying why', async () => {
    invokeCard(await form({ group: 'analysts', duration: '3600', reason: 'quarterly report' }));
    requestId = (await latestRequestOf(teams, 'teams:dana@example.com'))!.id;

    const own = invokeCard(await decide(dana, ACCESS_ACTIONS.approve, requestId));
    expect(text(own)).toContain('You cannot approve or deny your own request.');
    expect(verbsOf(own)).toEqual([]);

    const outsider = invokeCard(await decide(frank, ACCESS_ACTIONS.approve, requestId));
    expect(text(outsider)).toContain('You are not an approver for analysts.');
    expect((await latestRequestOf(teams, 'teams:dana@example.com'))!.state).toBe('pending');

    // The card refreshes per person: the approver sees the buttons, the requester does not.
    expect(verbsOf(invokeCard(await decide(erin, 'access.refresh', requestId)))).toEqual([
      ACCESS_ACTIONS.approve,
      ACCESS_ACTIONS.deny,
    ]);
    expect(verbsOf(invokeCard(await decide(dana, 'access.refresh', requestId)))).toEqual([]);
  });

  it('denies with the reason typed on the card, through the Action.Submit fallback of older clients', async () => {
    const before = teams.cardsTo(erin.personalChat).length;
    const answer = await teams.submit(erin, {
      action: ACCESS_ACTIONS.deny,
      value: requestId,
      reason: 'use the replica',
    });
    expect(answer.status).toBe(200);
    const replies = text(teams.cardsTo(erin.personalChat).slice(before));
    expect(replies).toContain('Denied by <at>Erin</at>');
    expect(replies).toContain('use the replica');

    const denied = (await latestRequestOf(teams, 'teams:dana@example.com'))!;
    expect(denied).toMatchObject({ state: 'denied', deny_reason: 'use the replica' });
    expect(text(teams.cardsTo(dana.personalChat))).toContain('Reason: use the replica');
    expect(teams.bot.databricks.patches).toHaveLength(0);

    const again = invokeCard(await decide(erin, ACCESS_ACTIONS.approve, requestId));
    expect(text(again)).toMatch(/AR-\d+ was already denied by <at>Erin<\/at>/);
  });

  it('a click on a request that does not exist says so', async () => {
    const missing = invokeCard(
      await decide(erin, ACCESS_ACTIONS.approve, '00000000-0000-0000-0000-000000000000'),
    );
    expect(text(missing)).toContain('I cannot find that access request.');
  });
});

describe('the buttons on an active grant’s cards', () => {
  let grant: { id: string };

  it('Extend on the expiry warning asks the approvers for more time under the same policy', async () => {
    await teams.say(frank, 'request-access watched 1h');
    grant = (await latestRequestOf(teams, 'teams:frank@example.com'))!;
    invokeCard(await decide(erin, ACCESS_ACTIONS.approve, grant.id));
    expect((await latestRequestOf(teams, 'teams:frank@example.com'))!.state).toBe('active');

    teams.bot.clock.advance(55 * MINUTE);
    await teams.bot.runJob(accessSweeperJob, {});
    await teams.bot.idle();
    const warning = teams.cardsTo(frank.personalChat).find((card) => text(card).includes('ends at'));
    expect(verbsOf(warning)).toEqual([ACCESS_ACTIONS.extend]);

    const extension = invokeCard(await decide(frank, ACCESS_ACTIONS.extend, grant.id));
    expect(text(extension)).toMatch(/AR-\d+: your request for watched for 1h was sent to the approvers/);
    const filed = (await latestRequestOf(teams, 'teams:frank@example.com'))!;
    expect(filed).toMatchObject({ state: 'pending', extends_request_id: grant.id });
  });

  it('Revoke ends the grant for the requester, and refuses someone unrelated', async () => {
    const refused = invokeCard(await decide(dana, ACCESS_ACTIONS.revoke, grant.id));
    expect(text(refused)).toContain(
      "Only the person with the access, the group's approvers or an admin can revoke it.",
    );

    const revoking = invokeCard(await decide(frank, ACCESS_ACTIONS.revoke, grant.id));
    expect(text(revoking)).toContain('Revoking access to watched now.');
    expect(
      (
        await teams.bot.db
          .selectFrom('access_requests')
          .select('state')
          .where('id', '=', grant.id)
          .executeTakeFirstOrThrow()
      ).state,
    ).toBe('revoked');
    expect(text(teams.cardsTo(frank.personalChat))).toContain(
      'Your access to watched was revoked by <at>Frank</at>',
    );
  });
});
