import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectRegionJob } from '../jobs/collect-region-job.js';
import { addConnector } from '../src/connectors/add-connector.js';
import { addRegion } from '../src/connectors/add-region.js';
import type { DatabricksEmulator } from '../emulator/databricks-emulator.js';
import { PEOPLE, SLACK_USERS } from './support/access-fixture.js';
import { compareCollected } from './support/collected-comparison.js';
import { ACCOUNT_UUID, SP, emulatorEnv, startConnectorEmulator } from './support/connectors-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

/**
 * The whole bot with its real ports: adding a region schedules its collection job on the real
 * queue, the worker collects the emulator's system tables through the real driver, the region's
 * health is announced to the subscribed channel, and the cost rollups of the touched days follow.
 */
let bot: TestBot;
let emulator: DatabricksEmulator;
const OPS = 'C0COLLECT1';

beforeAll(async () => {
  const started = await startConnectorEmulator();
  emulator = started.emulator;
  await emulator.seed({ seed: 4, days: 5, workspaces: 1, today: new Date('2026-11-23T00:00:00Z') });
  bot = await startTestBot({
    slackUsers: SLACK_USERS,
    env: { ADMIN_SLACK_USER_IDS: PEOPLE.admin.id, ...emulatorEnv(started.caFile) },
  });
  const added = await addConnector(
    bot.services.connectors,
    { platform: 'cli', id: 'setup' },
    {
      name: 'prod',
      workspaceUrl: emulator.url,
      accountId: ACCOUNT_UUID,
      clientId: SP.clientId,
      clientSecret: SP.clientSecret,
    },
  );
  expect(added.saved).toBe(true);
  await bot.command(PEOPLE.admin.id, 'subscribe connectors', { channelId: OPS });
});

afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
});

test('adding a region collects it on the real queue, announces it healthy and refreshes the cost rollups', async () => {
  const outcome = await addRegion(
    bot.services.connectors,
    { platform: 'cli', id: 'setup' },
    { region: 'us-east-1', workspaceUrl: emulator.url },
  );
  expect(outcome).toMatchObject({ saved: true });
  await bot.idle(60_000);

  const region = await bot.db.selectFrom('region_connectors').selectAll().executeTakeFirstOrThrow();
  expect(region).toMatchObject({ health: 'ok', last_ingested_at: bot.clock.now() });
  for (const comparison of await compareCollected(emulator.pool, bot.db, region.id)) {
    expect(comparison.collected, comparison.table).toEqual(comparison.emulator);
  }
  const announced = bot.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === OPS);
  expect(JSON.stringify(announced.at(-1)?.params)).toContain('us-east-1');
  const daily = await bot.db
    .selectFrom('cost_daily')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(daily.n)).toBeGreaterThan(0);

  // Run again on the queue: nothing new, nothing rewritten, still healthy and not announced again.
  bot.clock.advance(15 * 60_000);
  const posts = announced.length;
  const result = await bot.runJob(collectRegionJob, { regionId: region.id, trigger: 'manual' });
  expect(result).toMatchObject({ status: 'succeeded', health: 'ok' });
  await bot.idle();
  const runs = await bot.db.selectFrom('collector_runs').select(['trigger', 'status', 'rows']).execute();
  expect(runs.map((r) => r.trigger).sort()).toEqual(['manual', 'schedule']);
  const manual = runs.find((r) => r.trigger === 'manual')!;
  expect(Object.values(manual.rows).every((counts) => counts.written === 0)).toBe(true);
  expect(bot.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === OPS)).toHaveLength(
    posts,
  );
});
