import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackAt } from './support/chat-times.js';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import {
  ACCESS_POLICY,
  PEOPLE,
  SLACK_USERS,
  eventually,
  fileRequest,
  grantAccess,
  openAppHome,
  repliesTo,
  saidTo,
  seedDatabricks,
  waitForState,
} from './support/access-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;
let seeded: ReturnType<typeof seedDatabricks>;

beforeEach(async () => {
  bot = await startTestBot({ policy: ACCESS_POLICY, slackUsers: SLACK_USERS });
  seeded = seedDatabricks(bot.databricks);
});
afterEach(async () => {
  await bot.stop();
});

const removals = () => bot.databricks.patches.filter((patch) => patch.removed.length > 0);

describe('/databricks access and policies', () => {
  it('lists my active grant and my pending request, and nobody else sees them', async () => {
    await grantAccess(bot, PEOPLE.requester.id, 'analysts 2h fix the nightly job');
    const pendingId = await fileRequest(bot, PEOPLE.requester.id, 'sandbox 2h try the new cluster policy');

    const mine = await repliesTo(bot, () => bot.command(PEOPLE.requester.id, 'access'));
    expect(mine).toContain('Your Databricks access');
    expect(mine).toContain(`Active: analysts until ${slackAt('2026-11-23 11:00')} (AR-`);
    expect(mine).toMatch(/Pending: sandbox for 2h \(AR-\d+\)/);
    expect(mine).not.toContain(pendingId);

    const theirs = await repliesTo(bot, () => bot.command(PEOPLE.outsider.id, 'access'));
    expect(theirs).toContain('You have no active access or pending requests');
    expect(theirs).not.toContain('analysts');
  });

  it('lists the requestable groups with their limits', async () => {
    const reply = await bot.command(PEOPLE.outsider.id, 'policies');
    expect(reply.status).toBe(200);
    const text = JSON.stringify(reply.json);
    expect(text).toContain('Requestable Databricks groups');
    expect(text).toContain(
      '`analysts` (data-analysts) — Analytics schemas: up to 8h, default 2h, 1 approval, reason required',
    );
    expect(text).toContain('`prod` (prod-admins): up to 4h, default 1h, 2 approvals, reason required');
    expect(text).toContain(
      '`sandbox` (sandbox-users): up to 4h, default 30m, 1 approval, reason optional, some requests auto-approved',
    );
  });
});

describe('revoking a grant early', () => {
  it('`/databricks revoke analysts` ends my own grant now', async () => {
    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 2h fix the nightly job');

    const reply = await repliesTo(bot, () => bot.command(PEOPLE.requester.id, 'revoke analysts'));
    expect(reply).toContain('Revoking the grant for analysts now.');
    const revoked = await waitForState(bot, grant.id, 'revoked');
    expect(revoked.ended_at).toEqual(bot.clock.now());
    expect(revoked.revoke_requested_by).toBe(`slack:${PEOPLE.requester.id}`);
    expect(removals()).toEqual([
      expect.objectContaining({ groupId: seeded.groupIds.analysts, removed: [seeded.userIds.requester] }),
    ]);
    expect(bot.databricks.groupMemberIds('data-analysts')).toEqual([]);
    await eventually(() =>
      expect(saidTo(bot, PEOPLE.requester.id)).toContain(
        `Your access to analysts was revoked by <@${PEOPLE.requester.id}>`,
      ),
    );
  });

  it('an approver can revoke someone else’s grant by command', async () => {
    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 2h fix the nightly job');

    const reply = await repliesTo(bot, () =>
      bot.command(PEOPLE.approver2.id, `revoke analysts <@${PEOPLE.requester.id}>`),
    );
    expect(reply).toContain('Revoking the grant for analysts now.');
    await waitForState(bot, grant.id, 'revoked');
    expect(removals()).toHaveLength(1);
    await eventually(() =>
      expect(saidTo(bot, PEOPLE.requester.id)).toContain(
        `Your access to analysts was revoked by <@${PEOPLE.approver2.id}>`,
      ),
    );
  });

  it('an outsider cannot revoke it, by command or button; an approver can, by the button', async () => {
    const grant = await grantAccess(bot, PEOPLE.requester.id, 'analysts 2h fix the nightly job');

    const byCommand = await repliesTo(bot, () =>
      bot.command(PEOPLE.outsider.id, `revoke analysts <@${PEOPLE.requester.id}>`),
    );
    expect(byCommand).toContain("Only the person with the access, the group's approvers or an admin");
    const byButton = await repliesTo(bot, () =>
      bot.click(PEOPLE.outsider.id, ACCESS_ACTIONS.revoke, grant.id),
    );
    expect(byButton).toContain("Only the person with the access, the group's approvers or an admin");
    const stillActive = await waitForState(bot, grant.id, 'active');
    expect(stillActive.ends_at).toEqual(grant.ends_at);
    expect(stillActive.revoke_requested_by).toBeNull();
    expect(removals()).toEqual([]);

    const byApprover = await repliesTo(bot, () =>
      bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.revoke, grant.id),
    );
    expect(byApprover).toContain('Revoking access to analysts now.');
    await waitForState(bot, grant.id, 'revoked');
    expect(removals()).toEqual([expect.objectContaining({ removed: [seeded.userIds.requester] })]);
    await eventually(() =>
      expect(saidTo(bot, PEOPLE.requester.id)).toContain(
        `Your access to analysts was revoked by <@${PEOPLE.approver1.id}>`,
      ),
    );
  });
});

describe('App Home', () => {
  it('shows my access, and approvers the requests waiting for them', async () => {
    await grantAccess(bot, PEOPLE.requester.id, 'analysts 2h fix the nightly job');
    const pendingId = await fileRequest(bot, PEOPLE.requester.id, 'sandbox 2h try the new cluster policy');

    const mine = await openAppHome(bot, PEOPLE.requester.id);
    expect(mine).toContain(`Active: analysts until ${slackAt('2026-11-23 11:00')} (AR-`);
    expect(mine).toMatch(/Pending: sandbox for 2h \(AR-\d+\)/);
    expect(mine).not.toContain(pendingId);
    expect(mine).toContain('No requests waiting for you');
    expect(mine).not.toContain(ACCESS_ACTIONS.approve);

    // approver1 approves sandbox: the pending request waits for them, with its buttons.
    const approver = await openAppHome(bot, PEOPLE.approver1.id);
    expect(approver).toContain('Waiting for your decision');
    expect(approver).toMatch(/AR-\d+: access to sandbox for 2h/);
    expect(approver).toContain(`"action_id":"${ACCESS_ACTIONS.approve}"`);
    expect(approver).toContain(`"value":"${pendingId}"`);
    expect(approver).toContain('You have no active access or pending requests');

    // approver2 does not approve sandbox, so nothing waits for them.
    const other = await openAppHome(bot, PEOPLE.approver2.id);
    expect(other).toContain('No requests waiting for you');
    expect(other).not.toContain(pendingId);

    // Once decided, it no longer waits for approver1.
    await bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, pendingId);
    await waitForState(bot, pendingId, 'active');
    expect(await openAppHome(bot, PEOPLE.approver1.id)).toContain('No requests waiting for you');
  });
});
