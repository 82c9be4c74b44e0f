import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS } from '../src/access/access-messages.js';
import {
  PEOPLE,
  SLACK_USERS,
  latestRequest,
  replyTo,
  seedDatabricks,
  waitForState,
} from './support/access-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

const ONCALL = 'S0ONCALL01';

/** Approvers named only by group: a Databricks account group, a Slack user group. */
const POLICY = `
groups:
  warehouse:
    databricks_group: warehouse-admins
    approvers:
      databricks_groups: [sre-leads]
    max_duration: 4h
    default_duration: 1h
    require_reason: false
  oncall:
    databricks_group: oncall-users
    approvers:
      slack_usergroups: [${ONCALL}]
    max_duration: 4h
    default_duration: 1h
    require_reason: false
`;

let bot: TestBot;
let seeded: ReturnType<typeof seedDatabricks>;
let groupIds: { warehouse: string; sreLeads: string };

beforeAll(async () => {
  bot = await startTestBot({ policy: POLICY, slackUsers: SLACK_USERS });
  seeded = seedDatabricks(bot.databricks);
  groupIds = {
    warehouse: bot.databricks.addGroup({ displayName: 'warehouse-admins' }).id,
    sreLeads: bot.databricks.addGroup({
      displayName: 'sre-leads',
      memberIds: [seeded.userIds.approver1, seeded.userIds.approver2],
    }).id,
  };
  bot.databricks.addGroup({ displayName: 'oncall-users' });
  bot.slack.setUserGroup(ONCALL, [PEOPLE.approver2.id]);
});
afterAll(async () => {
  await bot.stop();
});

/** Approval cards (with an Approve button) DMed to this person. */
const cardsTo = (userId: string) =>
  bot.slack
    .callsTo('chat.postMessage')
    .filter((call) => call.params.channel === userId)
    .filter((call) => JSON.stringify(call.params.blocks ?? []).includes(ACCESS_ACTIONS.approve));

/** SCIM reads of the approver group by name. */
const sreLeadsLookups = () =>
  bot.databricks.requests.filter(
    (request) => request.method === 'GET' && (request.query.filter ?? '').includes('sre-leads'),
  ).length;

async function pendingRequest(userId: string, args: string) {
  await replyTo(bot, () => bot.command(userId, `request-access ${args}`));
  await bot.idle();
  const request = (await latestRequest(bot, userId))!;
  expect(request.state).toBe('pending');
  return request;
}

describe('approvers named by Databricks account group', () => {
  it('every member of the group gets the card, a non-member is refused, a member approves', async () => {
    const request = await pendingRequest(PEOPLE.requester.id, 'warehouse 1h');

    expect(cardsTo(PEOPLE.approver1.id)).toHaveLength(1);
    expect(cardsTo(PEOPLE.approver2.id)).toHaveLength(1);
    expect(cardsTo(PEOPLE.outsider.id)).toHaveLength(0);
    expect(sreLeadsLookups()).toBe(1);

    const refused = await replyTo(bot, () =>
      bot.click(PEOPLE.outsider.id, ACCESS_ACTIONS.approve, request.id),
    );
    expect(refused.body.text).toContain('You are not an approver for warehouse.');
    expect((await latestRequest(bot, PEOPLE.requester.id))!.state).toBe('pending');

    await bot.click(PEOPLE.approver2.id, ACCESS_ACTIONS.approve, request.id);
    await waitForState(bot, request.id, 'active');
    await bot.idle();
    expect(bot.databricks.groupMemberIds('warehouse-admins')).toEqual([seeded.userIds.requester]);
    expect(bot.databricks.patches.filter((patch) => patch.groupId === groupIds.warehouse)).toHaveLength(1);
  });

  it('a member who asks cannot approve their own request; the group is read from SCIM once per few minutes', async () => {
    const request = await pendingRequest(PEOPLE.approver1.id, 'warehouse 1h');

    // The cached members were reused: no second SCIM read of sre-leads within five minutes.
    expect(sreLeadsLookups()).toBe(1);
    expect(cardsTo(PEOPLE.approver1.id)).toHaveLength(1); // the first request's card only
    expect(cardsTo(PEOPLE.approver2.id)).toHaveLength(2);
    const own = await replyTo(bot, () => bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, request.id));
    expect(own.body.text).toContain('You cannot approve or deny your own request.');

    // Later, a new member of the account group is an approver of new requests.
    bot.databricks.setGroupMembers('sre-leads', [seeded.userIds.approver2, seeded.userIds.outsider]);
    bot.clock.advance(6 * 60_000);
    const next = await pendingRequest(PEOPLE.admin.id, 'warehouse 1h');
    expect(sreLeadsLookups()).toBe(2);
    expect(cardsTo(PEOPLE.outsider.id)).toHaveLength(1);
    await bot.click(PEOPLE.outsider.id, ACCESS_ACTIONS.approve, next.id);
    await waitForState(bot, next.id, 'active');
    await bot.idle();
  });
});

describe('approvers named by Slack user group', () => {
  it('the user group members get the card, a non-member is refused, a member approves', async () => {
    const request = await pendingRequest(PEOPLE.requester.id, 'oncall 1h');

    expect(bot.slack.callsTo('usergroups.users.list').map((call) => call.params.usergroup)).toEqual([ONCALL]);
    expect(
      cardsTo(PEOPLE.approver2.id).filter((call) => JSON.stringify(call.params).includes(request.id)),
    ).toHaveLength(1);
    expect(
      cardsTo(PEOPLE.approver1.id).filter((call) => JSON.stringify(call.params).includes(request.id)),
    ).toHaveLength(0);

    const refused = await replyTo(bot, () =>
      bot.click(PEOPLE.approver1.id, ACCESS_ACTIONS.approve, request.id),
    );
    expect(refused.body.text).toContain('You are not an approver for oncall.');
    expect((await latestRequest(bot, PEOPLE.requester.id))!.state).toBe('pending');

    await bot.click(PEOPLE.approver2.id, ACCESS_ACTIONS.approve, request.id);
    await waitForState(bot, request.id, 'active');
    await bot.idle();
    expect(bot.databricks.groupMemberIds('oncall-users')).toEqual([seeded.userIds.requester]);
  });
});
