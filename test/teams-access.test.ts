import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsAt } from './support/chat-times.js';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import { auditTrailOf } from '../src/audit/record-audit-event.js';
import { HOUR } from './support/manual-clock.js';
import {
  latestRequestOf,
  seedTeamsDatabricks,
  TEAMS_PEOPLE,
  TEAMS_POLICY,
  text,
} from './support/teams-fixture.js';
import {
  executeActionsOf,
  invokeCard,
  startTeamsTestBot,
  verbsOf,
  type TeamsTestBot,
} from './support/teams-test-bot.js';

const { requester: dana, approver: erin } = TEAMS_PEOPLE;
let teams: TeamsTestBot;
let seeded: ReturnType<typeof seedTeamsDatabricks>;

beforeAll(async () => {
  teams = await startTeamsTestBot({ policy: TEAMS_POLICY, teamsPeople: Object.values(TEAMS_PEOPLE) });
  seeded = seedTeamsDatabricks(teams.bot.databricks);
});
afterAll(async () => {
  await teams.stop();
});

describe('just-in-time access, end to end through Teams', () => {
  it('request form → approval card in the approver’s chat → Approve → SCIM add → requester told → card updated', async () => {
    // The approver installed the bot earlier: their 1:1 chat and e-mail are known from then on.
    await teams.install(erin);
    expect(text(teams.cardsTo(erin.personalChat))).toContain('I grant temporary access');

    await teams.say(dana, 'request-access');
    const form = teams.cardsTo(dana.personalChat).at(-1)!;
    expect(text(form)).toContain('"id":"group"');
    expect(text(form)).toContain('"value":"analysts"');
    expect(verbsOf(form)).toEqual(['access.request_form']);

    const sent = invokeCard(
      await teams.click(dana, 'access.request_form', {
        group: 'analysts',
        duration: '7200',
        reason: 'fix the nightly job',
        ticket: 'https://jira.example.com/OPS-1',
      }),
    );
    expect(text(sent)).toMatch(/AR-\d+: your request for analysts for 2h was sent to the approvers/);
    const request = (await latestRequestOf(teams, 'teams:dana@example.com'))!;
    expect(request).toMatchObject({
      state: 'pending',
      group_key: 'analysts',
      duration_seconds: 7200,
      requester_email: 'dana@example.com',
      databricks_user_id: seeded.userIds['dana@example.com'],
    });

    // The approver gets the card in their 1:1 chat: Approve / Deny (with Action.Submit fallbacks),
    // an optional deny reason, and a refresh for the Teams people it names.
    const [approval] = teams.connector.cardsPostedTo(erin.personalChat).slice(-1);
    const card = approval!.card as {
      actions: { verb: string; fallback: { type: string; data: unknown } }[];
      refresh: { userIds: string[] };
    };
    expect(verbsOf(card)).toEqual([ACCESS_ACTIONS.approve, ACCESS_ACTIONS.deny]);
    for (const action of executeActionsOf(card) as typeof card.actions) {
      expect(action.fallback).toMatchObject({
        type: 'Action.Submit',
        data: { action: action.verb, value: request.id },
      });
    }
    expect(text(card)).toContain('"type":"Input.Text","id":"reason"');
    expect(text(card)).toContain('fix the nightly job');
    expect(text(card)).toContain('https://jira.example.com/OPS-1');
    expect(card.refresh.userIds).toEqual(expect.arrayContaining([erin.id, dana.id]));
    // Told once, by the card that answered the form; no second message saying the same.
    expect(text(teams.cardsTo(dana.personalChat))).not.toContain('was sent to the approvers');

    const approved = invokeCard(
      await teams.click(erin, ACCESS_ACTIONS.approve, { action: ACCESS_ACTIONS.approve, value: request.id }),
    );
    expect(text(approved)).toContain('Approved by <at>Erin</at>');
    expect(verbsOf(approved)).not.toContain(ACCESS_ACTIONS.approve);

    // Databricks was asked to add exactly this user to exactly this group, once.
    const active = (await latestRequestOf(teams, 'teams:dana@example.com'))!;
    expect(active.state).toBe('active');
    expect(active.ends_at!.getTime() - active.starts_at!.getTime()).toBe(2 * HOUR);
    expect(teams.bot.databricks.patches).toHaveLength(1);
    expect(teams.bot.databricks.patches[0]).toMatchObject({
      groupId: seeded.groupIds.analysts,
      added: [seeded.userIds['dana@example.com']],
    });

    // The requester is told proactively in their 1:1 chat: approved (by whom), then active until the exact end.
    const toDana = text(teams.cardsTo(dana.personalChat));
    expect(toDana).toContain('Your request for analysts was approved by <at>Erin</at>');
    expect(toDana).toContain(`Your access to analysts is active until ${teamsAt('2026-11-23 11:00')}`);

    // The approval card in the approver's chat was updated in place: active, with Revoke only.
    const updates = teams.connector.calls.filter(
      (c) => c.method === 'PUT' && c.activityId === approval!.activityId,
    );
    expect(updates.length).toBeGreaterThan(0);
    const now = teams.cardNow(erin.personalChat, approval!.activityId);
    expect(text(now)).toContain(`access active until ${teamsAt('2026-11-23 11:00')}`);
    expect(verbsOf(now)).toEqual([ACCESS_ACTIONS.revoke]);

    const trail = (await auditTrailOf(teams.bot.db, 'access_request', request.id)).map((e) => e.action);
    expect(trail).toEqual(['access.requested', 'access.approved', 'access.granted']);
  });
});
