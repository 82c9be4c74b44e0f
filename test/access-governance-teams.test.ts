import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessReviewsJob } from '../jobs/access-reviews-job.js';
import { discoverGroupsJob } from '../jobs/discover-groups-job.js';
import { REVIEW_ACTIONS } from '../src/governance/reviews/review-messages.js';
import { eventually } from './support/access-fixture.js';
import {
  groupPageReads,
  reviewCards,
  reviewItems,
  seedBulkAccount,
  storedMembers,
  withinRate,
  type GovernanceAccount,
} from './support/governance-fixture.js';
import { HOUR } from './support/manual-clock.js';
import { teamsPerson } from './support/teams-activities.js';
import { text } from './support/teams-fixture.js';
import { invokeCard, startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';

const dana = teamsPerson('dana', 'dana@example.com');
const erin = teamsPerson('erin', 'erin@example.com');
const frank = teamsPerson('frank', 'frank@example.com');
const gina = teamsPerson('gina', 'gina@example.com');
/** Owns watched-users as a member of its owner group (watch-leads), not as an approver. */
const hank = teamsPerson('hank', 'hank@example.com');

const POLICY = `
integration_owners:
  teams_users: [gina@example.com]
groups:
  analysts:
    databricks_group: data-analysts
    approvers:
      teams_users: [erin@example.com]
    max_duration: 8h
    require_reason: false
  watched:
    databricks_group: watched-users
    requesters:
      teams_users: [dana@example.com]
    approvers:
      teams_users: [erin@example.com]
    owners:
      databricks_group: watch-leads
    max_duration: 4h
    require_reason: false
`;

let teams: TeamsTestBot;
let account: GovernanceAccount;
let ids: Record<string, string>;
let analystsStanding: string[];

beforeAll(async () => {
  teams = await startTeamsTestBot({
    policy: POLICY,
    teamsPeople: [dana, erin, frank, gina, hank],
    env: { SCIM_DISCOVERY_READS_PER_SECOND: '2' },
  });
  const databricks = teams.bot.databricks;
  ids = Object.fromEntries(
    [dana, erin, frank, gina, hank].map((person) => [
      person.email,
      databricks.addUser({ userName: person.email, displayName: person.name }).id,
    ]),
  );
  account = seedBulkAccount(databricks, { users: 2_000, groups: 200, membersPerGroup: 10 });
  analystsStanding = [ids['dana@example.com']!, ...account.bulkUserIds.slice(0, 14)];
  databricks.addGroup({ displayName: 'data-analysts', memberIds: analystsStanding });
  databricks.addGroup({ displayName: 'watched-users', memberIds: [ids['frank@example.com']!] });
  databricks.addGroup({ displayName: 'watch-leads', memberIds: [ids['hank@example.com']!] });
  for (const person of [dana, erin, frank, gina, hank]) await teams.install(person);
}, 60_000);

afterAll(async () => {
  await teams?.stop();
});

async function ask(person: typeof dana, words: string): Promise<string> {
  const before = teams.cardsTo(person.personalChat).length;
  const answer = await teams.say(person, words);
  expect(answer.status).toBe(200);
  return text(teams.cardsTo(person.personalChat).slice(before));
}

/** The Action.Execute verbs inside a card's body (the per-member buttons). */
function itemVerbs(card: Record<string, unknown>): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.verb === 'string') found.push(record.verb);
      Object.values(record).forEach(walk);
    }
  };
  walk(card.body);
  return found;
}

const click = async (person: typeof dana, verb: string, value: string) =>
  invokeCard(await teams.click(person, verb, { action: verb, value }));

describe('access governance on Teams', () => {
  it('discovers every group within the read budget and answers `groups` and `group`', async () => {
    const since = teams.bot.databricks.requests.length;
    await teams.bot.runJob(discoverGroupsJob, {});
    const reads = groupPageReads(teams.bot).filter(
      (read) => teams.bot.databricks.requests.indexOf(read) >= since,
    );
    expect(reads).toHaveLength(3);
    expect(await ask(dana, 'groups watched')).toContain('members of “watch-leads”');
    expect(
      withinRate(
        reads.map((read) => read.at),
        2,
      ),
    ).toBe(true);
    for (const [groupId] of account.groupNames) {
      expect(await storedMembers(teams.bot, groupId)).toEqual(
        [...teams.bot.databricks.groupMemberIds(groupId)].sort(),
      );
    }
    const list = await ask(dana, 'groups data');
    expect(list).toContain('data-analysts');
    expect(list).toContain('15 members');
    expect(list).toContain('requestable as “analysts”');
    const group = await ask(dana, 'group analysts');
    expect(group).toContain('Standing members (15)');
  }, 60_000);

  it('runs a campaign to completion with keep, remove and convert through card invokes', async () => {
    expect(await ask(dana, 'review start analysts')).toContain(
      'Only admins and integration owners can start access reviews',
    );
    expect(await ask(frank, 'request-access watched 1h')).toContain('You are not allowed to request watched');
    const started = await ask(gina, 'review start analysts,watched due:7d');
    expect(started).toContain('16 standing member(s) of 2 group(s)');
    const campaignId = (
      await teams.bot.db.selectFrom('review_campaigns').select('id').executeTakeFirstOrThrow()
    ).id;
    const cards = await reviewCards(teams.bot, campaignId);
    expect(cards.map((card) => [card.group_name, card.owner])).toEqual([
      ['data-analysts', 'teams:erin@example.com'],
      ['watched-users', 'teams:erin@example.com'],
      ['watched-users', 'teams:hank@example.com'],
    ]);
    await eventually(() => expect(teams.cardsTo(erin.personalChat).length).toBeGreaterThanOrEqual(2));
    const posted = text(teams.cardsTo(erin.personalChat));
    expect(posted).toContain('Access review: data-analysts');
    expect(posted).toContain('members 1–10 of 15 (page 1 of 2)');
    // Teams rejects cards over ~28 KB: a page of members stays well under.
    for (const card of teams.cardsTo(erin.personalChat))
      expect(JSON.stringify(card).length).toBeLessThan(28_000);

    const items = await reviewItems(teams.bot, campaignId);
    const analysts = items.filter((item) => item.group_name === 'data-analysts');
    const frankItem = items.find((item) => item.group_name === 'watched-users')!;

    const kept = await click(erin, REVIEW_ACTIONS.keep, analysts[0]!.id);
    expect(text(kept)).toContain('keeps standing access to data-analysts');
    expect(itemVerbs(kept)).not.toHaveLength(0);
    const removed = await click(erin, REVIEW_ACTIONS.remove, analysts[1]!.id);
    expect(text(removed)).toContain('Removing');
    const refused = await click(dana, REVIEW_ACTIONS.keep, analysts[2]!.id);
    expect(text(refused)).toContain('Only the owners of data-analysts can decide');
    const twice = await click(erin, REVIEW_ACTIONS.keep, analysts[1]!.id);
    expect(text(twice)).toContain('already decided');
    // Hank owns watched-users through the owner group; he may not decide on data-analysts.
    expect(text(await click(hank, REVIEW_ACTIONS.keep, analysts[3]!.id))).toContain(
      'Only the owners of data-analysts',
    );
    const converted = await click(hank, REVIEW_ACTIONS.convert, frankItem.id);
    expect(text(converted)).toContain('can request watched when they need it');

    await eventually(() => {
      expect(teams.bot.databricks.groupMemberIds('data-analysts')).not.toContain(analysts[1]!.member_id);
      expect(teams.bot.databricks.groupMemberIds('watched-users')).toEqual([]);
    });
    expect(await ask(frank, 'request-access watched 1h')).toContain('sent to the approvers');

    const analystsCard = cards[0]!;
    const second = await click(erin, REVIEW_ACTIONS.page, `${analystsCard.id}:1`);
    expect(text(second)).toContain('page 2 of 2');
    const all = await click(erin, REVIEW_ACTIONS.keepAll, analystsCard.id);
    expect(text(all)).toContain('Kept 13 member(s) of data-analysts');
    const status = await ask(gina, `review status ${campaignId.slice(0, 8)}`);
    expect(status).toContain('completed');
    const report = await ask(gina, `review report ${campaignId.slice(0, 8)}`);
    expect(report).toContain('16 decision row(s)');
    const decided = await teams.bot.db
      .selectFrom('audit_events')
      .select(['actor', 'subject_id'])
      .where('action', '=', 'review.decided')
      .execute();
    expect(decided).toHaveLength(16);
    expect(new Set(decided.map((event) => event.actor))).toEqual(
      new Set(['teams:erin@example.com', 'teams:hank@example.com']),
    );
  }, 60_000);

  it('reminds the owner and escalates to the integration owner on the injected clock', async () => {
    await ask(gina, 'review start analysts due:1d');
    const said = (person: typeof dana, words: string) =>
      teams.cardsTo(person.personalChat).filter((card) => JSON.stringify(card).includes(words)).length;
    teams.bot.clock.advance(13 * HOUR);
    await teams.bot.runJob(accessReviewsJob, {});
    await teams.bot.runJob(accessReviewsJob, {});
    await teams.bot.idle();
    await eventually(() => expect(said(erin, 'Reminder: access review due')).toBe(1));
    expect(said(gina, 'is overdue')).toBe(0);
    teams.bot.clock.advance(12 * HOUR);
    await teams.bot.runJob(accessReviewsJob, {});
    await teams.bot.idle();
    await eventually(() => expect(said(gina, 'is overdue')).toBe(1));
  }, 60_000);
});
