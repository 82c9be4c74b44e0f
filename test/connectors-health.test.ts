import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverMessageJob } from '../jobs/deliver-message-job.js';
import { recordRegionHealth } from '../src/connectors/region-health.js';
import { PEOPLE, SLACK_USERS, repliesTo } from './support/access-fixture.js';
import { ENCRYPTION_KEY } from './support/connectors-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;
const OPS = 'C0OPSCHAN1';
const HEALTH = 'C0HEALTH01';
const regions: Record<string, string> = {};

beforeAll(async () => {
  bot = await startTestBot({
    slackUsers: SLACK_USERS,
    env: { ADMIN_SLACK_USER_IDS: PEOPLE.admin.id, ENCRYPTION_KEY, HEALTH_CHANNEL: HEALTH },
  });
  const connectorId = randomUUID();
  await bot.db
    .insertInto('connectors')
    .values({
      id: connectorId,
      name: 'prod',
      cloud: 'azure',
      workspace_url: 'https://adb-1234567890123456.7.azuredatabricks.net',
      account_id: '0d26daa6-5e44-4c97-a497-ef015f91254a',
      client_id: 'sp',
      client_secret: Buffer.from('sealed elsewhere'),
      created_by: 'cli:test',
      created_at: bot.clock.now(),
    })
    .execute();
  for (const [region, host] of [
    ['eastus', 'adb-1234567890123456.7.azuredatabricks.net'],
    ['westeurope', 'adb-6543210987654321.2.azuredatabricks.net'],
  ] as const) {
    regions[region] = randomUUID();
    await bot.db
      .insertInto('region_connectors')
      .values({
        id: regions[region],
        connector_id: connectorId,
        region,
        workspace_url: `https://${host}`,
        created_at: bot.clock.now(),
      })
      .execute();
  }
  await bot.command(PEOPLE.admin.id, 'subscribe connectors region:eastus', { channelId: OPS });
});
afterAll(async () => {
  await bot?.stop();
});

const postsTo = (channel: string) =>
  bot.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === channel);
const report = async (region: string, health: Parameters<typeof recordRegionHealth>[2]) => {
  const result = await recordRegionHealth(bot.services.connectors, regions[region]!, health);
  await bot.idle();
  return result;
};

describe('region health', () => {
  it('announces a change of state once to the subscribed channel, not an unchanged state', async () => {
    const ingestedAt = new Date('2026-11-23T09:55:00Z');
    const tables = ['system.billing.usage', 'system.billing.list_prices'];
    expect(
      await report('eastus', {
        state: 'ok',
        tablesReceived: tables,
        optionalTablesUnavailable: ['system.access.audit'],
        ingestedAt,
      }),
    ).toEqual({ changed: true, previous: 'pending' });
    expect(postsTo(OPS)).toHaveLength(1);
    const first = JSON.stringify(postsTo(OPS)[0]!.params);
    expect(first).toContain('Databricks region eastus (prod) is collecting normally');
    expect(first).toContain('pending (never collected) → ok');
    expect(first).toContain('2026-11-23 09:55 UTC');
    expect(first).toContain('system.access.audit');
    // The workspace by name (the Azure host carries its id), never a host and port.
    expect(first).toContain('workspace 1234567890123456');
    expect(first).not.toContain('azuredatabricks.net');

    expect(await report('eastus', { state: 'ok', tablesReceived: tables, ingestedAt })).toEqual({
      changed: false,
      previous: 'ok',
    });
    expect(postsTo(OPS)).toHaveLength(1);

    await report('eastus', {
      state: 'degraded',
      detail: 'system.query.history failed: warehouse timed out',
      ingestedAt: new Date('2026-11-23T09:00:00Z'),
    });
    expect(postsTo(OPS)).toHaveLength(2);
    const second = JSON.stringify(postsTo(OPS)[1]!.params);
    expect(second).toContain('is degraded');
    expect(second).toContain('system.query.history failed: warehouse timed out');
    expect(postsTo(HEALTH)).toHaveLength(0);

    const row = await bot.db
      .selectFrom('region_connectors')
      .selectAll()
      .where('id', '=', regions.eastus!)
      .executeTakeFirstOrThrow();
    expect(row.health).toBe('degraded');
    expect(row.last_ingested_at).toEqual(ingestedAt); // never moved back
    expect(row.health_changed_at).toEqual(bot.clock.now());
  });

  it('sends changes nobody subscribed to to HEALTH_CHANNEL', async () => {
    await report('westeurope', { state: 'failed', detail: 'Databricks refused the credentials.' });
    expect(postsTo(HEALTH)).toHaveLength(1);
    expect(JSON.stringify(postsTo(HEALTH)[0]!.params)).toContain('westeurope (prod) has failed');
    expect(postsTo(OPS)).toHaveLength(2);
  });

  it('shows health, last ingestion and tables in `/databricks connectors`', async () => {
    await report('eastus', {
      state: 'ok',
      tablesReceived: ['system.billing.usage'],
      optionalTablesUnavailable: ['system.access.audit'],
    });
    const reply = await repliesTo(bot, () => bot.command(PEOPLE.outsider.id, 'connectors'));
    expect(reply).toContain('Region eastus — health: ok');
    expect(reply).toContain(
      'Last ingestion: 2026-11-23 09:55 UTC · tables received: 1 (system.billing.usage)',
    );
    expect(reply).toContain('Optional tables unavailable: system.access.audit');
    expect(reply).toContain('Region westeurope — health: failed');
    expect(reply).toContain('Databricks refused the credentials.');
    expect(JSON.stringify(postsTo(OPS).at(-1)!.params)).toContain('has recovered');
  });

  it('posts changes queued while no worker ran in the order they happened, naming the collected workspace', async () => {
    await bot.db
      .insertInto('collected_workspaces')
      .values({
        region_id: regions.westeurope!,
        workspace_id: '6543210987654321',
        workspace_name: 'analytics-eu',
        workspace_url: 'https://adb-6543210987654321.2.azuredatabricks.net',
        account_id: null,
        create_time: null,
        status: 'RUNNING',
        collected_at: bot.clock.now(),
      })
      .execute();
    const before = postsTo(HEALTH).length;
    const queue = bot.runtime.queues.queueFor(deliverMessageJob);
    await queue.pause();
    for (const state of ['ok', 'degraded', 'failed', 'ok'] as const) {
      await recordRegionHealth(bot.services.connectors, regions.westeurope!, { state, detail: state });
    }
    await queue.resume();
    await expect.poll(() => postsTo(HEALTH).length, { timeout: 15_000 }).toBe(before + 4);
    const shown = postsTo(HEALTH)
      .slice(before)
      .map((call) => JSON.stringify(call.params));
    expect(
      shown.map((post) =>
        /(pending|ok|degraded|failed) → (ok|degraded|failed)/.exec(post)?.slice(1, 3).join('→'),
      ),
    ).toEqual(['failed→ok', 'ok→degraded', 'degraded→failed', 'failed→ok']);
    expect(shown[0]).toContain('analytics-eu');
  });

  it('refreshes the connector’s optional-table list from what collection actually received', async () => {
    const connector = () =>
      bot.db
        .selectFrom('connectors')
        .select('optional_tables')
        .where('name', '=', 'prod')
        .executeTakeFirstOrThrow();
    await bot.db
      .updateTable('connectors')
      .set({
        optional_tables: JSON.stringify({
          'system.access.audit': 'unavailable',
          'system.query.history': 'available',
        }),
      })
      .where('name', '=', 'prod')
      .execute();
    await report('eastus', {
      state: 'ok',
      tablesReceived: ['system.billing.usage', 'system.access.audit'],
      optionalTablesReceived: ['system.access.audit'],
      optionalTablesUnavailable: ['system.query.history'],
    });
    expect((await connector()).optional_tables).toEqual({
      'system.access.audit': 'available',
      'system.query.history': 'unavailable',
    });
    const reply = await repliesTo(bot, () => bot.command(PEOPLE.outsider.id, 'connectors'));
    expect(reply).toContain('Optional tables unavailable: system.query.history');
    expect(reply).not.toContain('Optional tables unavailable: system.access.audit');
  });

  it('ignores a report for a region that no longer exists', async () => {
    expect(await recordRegionHealth(bot.services.connectors, randomUUID(), { state: 'ok' })).toEqual({
      changed: false,
      previous: undefined,
    });
  });
});
