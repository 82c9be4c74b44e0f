import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costAlertsEvaluateJob } from '../jobs/cost-alerts-evaluate-job.js';
import { COST_ALERT_ACTIONS } from '../src/cost/alerts/cost-alert-messages.js';
import {
  createRegion,
  insertCollectedNodeMinutes,
  insertUsage,
  nodeMinutes,
  type ScenarioUsage,
} from './support/cost-fixture.js';
import { HOUR } from './support/manual-clock.js';
import { TEAMS_PEOPLE, text } from './support/teams-fixture.js';
import { invokeCard, startTeamsTestBot, verbsOf, type TeamsTestBot } from './support/teams-test-bot.js';

/**
 * Cost alerts through the real front doors: announced to the `cost` channels on Slack and Teams,
 * deduplicated, held in the cooldown, acknowledged and snoozed from either platform (every copy
 * updated), and resolved with a message when the condition clears. The condition: an all-purpose
 * cluster without auto-termination (warning) that also idles at 1% CPU for six hours (idle).
 */
const ADMIN = { id: 'U0COSTADM1', email: 'olga@example.com', name: 'olga' };
const SLACK_CHANNEL = 'C0COSTS001';
const TEAMS_CHANNEL = '19:costs@thread.tacv2';
const { approver: erin } = TEAMS_PEOPLE;
const COST_CONFIG = `
alerts:
  - name: idle-clusters
    kind: idle_compute
    scope: account
    idle_for: 6h
    warehouses: false
    cooldown: 6h
`;

let teams: TeamsTestBot;
let regionId: string;
const WORKSPACE = '1234567890123456';

/** The cluster runs `count` hours from `from`, idling at 1% CPU: billing and node utilisation. */
async function clusterHours(from: Date, count: number, cluster = 'big-cluster'): Promise<void> {
  await insertCollectedNodeMinutes(
    teams.bot.db,
    regionId,
    nodeMinutes({
      workspaceId: WORKSPACE,
      clusterId: cluster,
      nodes: 2,
      from,
      minutes: count * 60,
      cpuPercent: 1,
      memoryPercent: 15,
    }),
  );
  await collect(
    Array.from({ length: count }, (_, h) => ({
      workspaceId: WORKSPACE,
      skuName: 'PREMIUM_ALL_PURPOSE_COMPUTE',
      product: 'ALL_PURPOSE',
      start: new Date(from.getTime() + h * HOUR),
      quantity: 3,
      metadata: { cluster_id: cluster },
    })),
  );
}

/** Other usage up to `until`: the newest collected hour (and minute of node utilisation) moves on without the cluster. */
async function otherUsageUntil(from: Date, until: Date): Promise<void> {
  const minutes = (until.getTime() - from.getTime()) / 60_000;
  await insertCollectedNodeMinutes(
    teams.bot.db,
    regionId,
    nodeMinutes({
      workspaceId: WORKSPACE,
      clusterId: 'busy-cluster',
      nodes: 1,
      from,
      minutes,
      cpuPercent: 60,
      memoryPercent: 40,
    }),
  );
  const rows: ScenarioUsage[] = [];
  for (let at = from.getTime(); at < until.getTime(); at += HOUR) {
    rows.push({
      workspaceId: WORKSPACE,
      skuName: 'PREMIUM_JOBS_COMPUTE',
      product: 'JOBS',
      start: new Date(at),
      quantity: 1,
    });
  }
  await collect(rows);
}

/** As a collector run would: rows stored, then the cost domain's listener told which dates changed. */
async function collect(rows: ScenarioUsage[]): Promise<void> {
  await insertUsage(teams.bot.db, regionId, rows);
  const dates = [...new Set(rows.map((r) => r.start.toISOString().slice(0, 10)))];
  await teams.bot.services.collectors.usageListener.afterCollectorRun(regionId, dates);
  await teams.bot.idle();
}

const slackPosts = () =>
  teams.bot.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === SLACK_CHANNEL);
const slackNow = (ts: string) => text(teams.bot.slack.message(SLACK_CHANNEL, ts)?.blocks);
const teamsPosts = () =>
  teams.connector.cardsPostedTo(TEAMS_CHANNEL).filter((posted) => text(posted.card).includes('cluster'));
const alerts = () => teams.bot.db.selectFrom('cost_alerts').selectAll().orderBy('first_seen_at').execute();

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'cost-config-'));
  await writeFile(path.join(dir, 'cost.yml'), COST_CONFIG);
  teams = await startTeamsTestBot({
    policy: 'groups: {}\n',
    teamsPeople: [erin],
    slackUsers: [ADMIN],
    env: {
      COST_CONFIG_FILE: path.join(dir, 'cost.yml'),
      ADMIN_SLACK_USER_IDS: ADMIN.id,
      ADMIN_TEAMS_USERS: erin.email,
    },
  });
  regionId = await createRegion(teams.bot.db);
  await teams.bot.db
    .insertInto('collected_clusters')
    .values({
      region_id: regionId,
      workspace_id: WORKSPACE,
      cluster_id: 'big-cluster',
      cluster_name: 'shared-analytics',
      owned_by: 'ana@example.com',
      auto_termination_minutes: 0,
      cluster_source: 'UI',
      change_time: new Date('2026-11-01T00:00:00Z'),
      collected_at: new Date(),
    })
    .execute();
  await teams.bot.command(ADMIN.id, 'subscribe cost', { channelId: SLACK_CHANNEL });
  await teams.say(erin, 'subscribe cost', TEAMS_CHANNEL);
});

afterAll(async () => {
  await teams?.stop();
});

describe('cost alerts on Slack and Teams', () => {
  it('announces once to every cost channel, with Acknowledge and Snooze buttons', async () => {
    teams.bot.clock.set('2026-11-23T09:00:00Z');
    await clusterHours(new Date('2026-11-22T20:00:00Z'), 12); // 20:00–08:00, still running
    expect(slackPosts()).toHaveLength(1);
    expect(teamsPosts()).toHaveLength(1);
    const slack = text(slackPosts()[0]!.params.blocks);
    expect(slack).toContain('All-purpose cluster shared-analytics (big-cluster) has been idle for 12 hours');
    expect(slack).toContain('CPU 1.0% on average');
    expect(slack).toContain('has no auto-termination');
    for (const id of Object.values(COST_ALERT_ACTIONS)) expect(slack).toContain(id);
    expect(verbsOf(teamsPosts()[0]!.card)).toEqual(Object.values(COST_ALERT_ACTIONS));

    // Evaluated again (the schedule, another collector run): the same alert is not sent twice.
    await teams.bot.runJob(costAlertsEvaluateJob, {});
    await clusterHours(new Date('2026-11-23T08:00:00Z'), 0);
    await teams.bot.idle();
    expect(slackPosts()).toHaveLength(1);
    expect(teamsPosts()).toHaveLength(1);
  });

  it('Acknowledge on Slack updates every copy; a second acknowledgement from Teams changes nothing', async () => {
    const [alert] = await alerts();
    await teams.bot.click(ADMIN.id, COST_ALERT_ACTIONS.acknowledge, alert!.id, { channelId: SLACK_CHANNEL });
    expect(text(teams.bot.slack.responses.at(-1)?.body)).toContain('Acknowledged');
    const ts = slackPosts()[0]!.response.ts as string;
    expect(slackNow(ts)).toContain(`Acknowledged by <@${ADMIN.id}>`);
    expect(slackNow(ts)).not.toContain(COST_ALERT_ACTIONS.acknowledge);
    const teamsCopy = teamsPosts()[0]!;
    expect(text(teams.cardNow(TEAMS_CHANNEL, teamsCopy.activityId))).toContain(`Acknowledged by ${ADMIN.id}`);

    const answered = invokeCard(
      await teams.click(
        erin,
        COST_ALERT_ACTIONS.acknowledge,
        { action: COST_ALERT_ACTIONS.acknowledge, value: alert!.id },
        TEAMS_CHANNEL,
      ),
    );
    expect(text(answered)).toContain('Nothing to do: this alert is already acknowledged by');
    expect((await alerts())[0]).toMatchObject({
      state: 'acknowledged',
      acknowledged_by: `slack:${ADMIN.id}`,
    });
  });

  it('posts a resolution when the cluster stops, and takes the buttons off the alert', async () => {
    teams.bot.clock.set('2026-11-23T10:30:00Z');
    await otherUsageUntil(new Date('2026-11-23T08:00:00Z'), new Date('2026-11-23T10:00:00Z'));
    expect(slackPosts()).toHaveLength(2);
    expect(teamsPosts()).toHaveLength(2);
    expect(text(slackPosts()[1]!.params.blocks)).toContain('Resolved: all-purpose cluster shared-analytics');
    expect(text(teamsPosts()[1]!.card)).toContain('Resolved: all-purpose cluster shared-analytics');
    const ts = slackPosts()[0]!.response.ts as string;
    expect(slackNow(ts)).toContain('Resolved at 2026-11-23 10:30 UTC');
    expect(slackNow(ts)).not.toContain('cost.alert.');
    expect(verbsOf(teams.cardNow(TEAMS_CHANNEL, teamsPosts()[0]!.activityId))).toEqual([]);
  });

  it('holds a new alert for the same cluster within the cooldown, then announces it', async () => {
    teams.bot.clock.set('2026-11-23T11:30:00Z');
    await clusterHours(new Date('2026-11-23T10:00:00Z'), 1); // running again, without auto-termination
    expect((await alerts()).at(-1)).toMatchObject({ state: 'open', last_notified_at: null, level: 1 });
    expect(slackPosts()).toHaveLength(2);

    teams.bot.clock.set('2026-11-23T15:30:00Z'); // 6 h 30 after the last announcement
    await clusterHours(new Date('2026-11-23T11:00:00Z'), 4); // 10:00–15:00, five hours
    expect(slackPosts()).toHaveLength(3);
    expect(teamsPosts()).toHaveLength(3);
    expect(text(slackPosts()[2]!.params.blocks)).toContain('is running without auto-termination');
  });

  it('Snooze on Teams silences the rule for the cluster; it speaks again when the snooze ends', async () => {
    const alert = (await alerts()).at(-1)!;
    const answered = invokeCard(
      await teams.click(
        erin,
        COST_ALERT_ACTIONS.snoozeDay,
        { action: COST_ALERT_ACTIONS.snoozeDay, value: alert.id },
        TEAMS_CHANNEL,
      ),
    );
    expect(text(answered)).toContain('Snoozed by <at>erin@example.com</at> until 2026-11-24 15:30 UTC');
    expect(slackNow(slackPosts()[2]!.response.ts as string)).toContain(
      'Snoozed by erin@example.com until 2026-11-24 15:30 UTC',
    );

    // It stops (cleared quietly while snoozed), starts again and runs past six hours: all held.
    teams.bot.clock.set('2026-11-23T18:30:00Z');
    await otherUsageUntil(new Date('2026-11-23T15:00:00Z'), new Date('2026-11-23T18:00:00Z'));
    teams.bot.clock.set('2026-11-24T02:30:00Z');
    await clusterHours(new Date('2026-11-23T19:00:00Z'), 7);
    expect(slackPosts()).toHaveLength(3);
    expect(teamsPosts()).toHaveLength(3);
    expect((await alerts()).at(-1)).toMatchObject({ state: 'snoozed', level: 2 });

    teams.bot.clock.set('2026-11-24T16:00:00Z'); // the snooze is over, and it is still running
    await clusterHours(new Date('2026-11-24T02:00:00Z'), 14);
    expect(slackPosts()).toHaveLength(4);
    expect(teamsPosts()).toHaveLength(4);
    expect(text(slackPosts()[3]!.params.blocks)).toContain('has been idle for 21 hours');
  });

  it('Snooze 1 week on Slack says until when, and a shorter snooze over it changes nothing', async () => {
    const alert = (await alerts()).at(-1)!;
    await teams.bot.click(ADMIN.id, COST_ALERT_ACTIONS.snoozeWeek, alert.id, { channelId: SLACK_CHANNEL });
    expect(text(teams.bot.slack.responses.at(-1)?.body)).toContain('Snoozed until 2026-12-01 16:00 UTC');
    await teams.bot.click(ADMIN.id, COST_ALERT_ACTIONS.snoozeDay, alert.id, { channelId: SLACK_CHANNEL });
    expect(text(teams.bot.slack.responses.at(-1)?.body)).toContain(
      'Nothing to do: this alert is already snoozed by',
    );
    await teams.bot.command(ADMIN.id, 'alerts');
    const overview = text(teams.bot.slack.responses.at(-1)?.body);
    expect(overview).toContain('`idle-clusters` on `account`');
    expect(overview).toContain('Snoozed by');
  });

  it('a snooze that ends in a quiet account is announced again by the next scheduled evaluation', async () => {
    // Nothing collected since; the schedule runs shortly before the snooze ends, then after.
    teams.bot.clock.set('2026-12-01T15:58:00Z');
    await teams.bot.runJob(costAlertsEvaluateJob, {});
    expect(slackPosts()).toHaveLength(4);
    teams.bot.clock.set('2026-12-01T16:03:00Z');
    expect(await teams.bot.runJob(costAlertsEvaluateJob, {})).toMatchObject({ recomputed: 0, announced: 1 });
    await teams.bot.idle();
    expect(slackPosts()).toHaveLength(5);
    expect(teamsPosts()).toHaveLength(5);
    expect(text(slackPosts()[4]!.params.blocks)).toContain('has been idle for 21 hours');
  });
});
