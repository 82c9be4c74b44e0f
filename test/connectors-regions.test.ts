import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addConnector } from '../src/connectors/add-connector.js';
import type { DatabricksEmulator } from '../emulator/databricks-emulator.js';
import { PEOPLE, SLACK_USERS, repliesTo } from './support/access-fixture.js';
import {
  ACCOUNT_UUID,
  PUBLIC_URL,
  RecordingIngest,
  RecordingSchedules,
  SP,
  decodeConnectionString,
  emulatorEnv,
  startConnectorEmulator,
} from './support/connectors-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;
let emulator: DatabricksEmulator;
const schedules = new RecordingSchedules();
const ingest = new RecordingIngest();
const admin = PEOPLE.admin.id;

beforeAll(async () => {
  const started = await startConnectorEmulator();
  emulator = started.emulator;
  bot = await startTestBot({
    slackUsers: SLACK_USERS,
    env: { ADMIN_SLACK_USER_IDS: admin, ...emulatorEnv(started.caFile) },
    runtime: { connectorSchedules: schedules, ingestBatches: ingest },
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
});
afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
});

const regionRow = (region: string) =>
  bot.db.selectFrom('region_connectors').selectAll().where('region', '=', region).executeTakeFirst();

async function postBatch(token: string, body: Record<string, unknown>) {
  const response = await fetch(`${bot.url}/ingest/v1/batches`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('region connectors', () => {
  it('adds a region after checking its workspace, and schedules it', async () => {
    const refused = await repliesTo(bot, () =>
      bot.command(PEOPLE.outsider.id, `connector add-region us-east-1 ${emulator.url}`),
    );
    expect(refused).toContain('Only admins');
    const reply = await repliesTo(bot, () =>
      bot.command(
        admin,
        `connector add-region US-East-1 <${emulator.url}> every:30m warehouse:a1b2c3d4e5f60718`,
      ),
    );
    expect(reply).toContain('Region us-east-1 (prod) saved');
    expect(reply).toContain('✅ SQL warehouse: Using Reporting (a1b2c3d4e5f60718, STOPPED)');
    expect(reply).toContain('Collected every 30m');
    const row = await regionRow('us-east-1');
    expect(row).toMatchObject({
      mode: 'direct',
      health: 'pending',
      collect_every_seconds: 1800,
      warehouse_id: 'a1b2c3d4e5f60718',
    });
    expect(schedules.calls).toEqual([{ op: 'schedule', regionId: row!.id, everySeconds: 1800 }]);

    const again = await repliesTo(bot, () =>
      bot.command(admin, `connector add-region us-east-1 ${emulator.url}`),
    );
    expect(again).toContain('Connector \\"prod\\" already has a region \\"us-east-1\\".');
    const bad = await repliesTo(bot, () =>
      bot.command(admin, 'connector add-region eu-west-1 https://adb-1.2.azuredatabricks.net'),
    );
    expect(bad).toContain("adb-1.2.azuredatabricks.net is on Azure, but the connector's account is on AWS.");
  });

  it('`/databricks connectors` shows every connector and region with health and tables', async () => {
    const reply = await repliesTo(bot, () => bot.command(PEOPLE.requester.id, 'connectors'));
    expect(reply).toContain('Databricks connectors (1)');
    expect(reply).toContain(
      `Connector prod — AWS · ${new URL(emulator.url).host} · warehouse ffeeddccbbaa9988`,
    );
    expect(reply).toContain('Region us-east-1 — health: pending (never collected)');
    expect(reply).toContain('Last ingestion: never · tables received: none');
    expect(reply).toContain('Optional tables unavailable: none');
    expect(reply).not.toContain(SP.clientSecret);
  });

  it('generates a connection string once: only its token hash is stored, and only that token is accepted', async () => {
    const before = await regionRow('us-east-1');
    const reply = await repliesTo(bot, () => bot.command(admin, 'connector connection-string us-east-1'));
    expect(reply).toContain('"response_type":"ephemeral"');
    const payload = decodeConnectionString(reply);
    expect(payload).toMatchObject({
      v: 1,
      apiUrl: PUBLIC_URL,
      ingestPath: '/ingest/v1/batches',
      regionId: before!.id,
      connectorId: before!.connector_id,
      region: 'us-east-1',
    });
    const token = payload.token as string;
    const row = await regionRow('us-east-1');
    expect(row).toMatchObject({
      mode: 'remote',
      remote_token_hash: createHash('sha256').update(token).digest('hex'),
    });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(schedules.calls.at(-1)).toEqual({ op: 'unschedule', regionId: row!.id });

    const batch = {
      regionId: row!.id,
      table: 'system.billing.usage',
      rows: [{ record_id: 'r-1' }],
      checkpoint: { at: '2026-03-01' },
    };
    const wrong = await postBatch('not-the-token', batch);
    expect(wrong.status).toBe(401);
    expect(ingest.batches).toEqual([]);
    const accepted = await postBatch(token, batch);
    expect(accepted).toEqual({ status: 200, body: { accepted: 1 } });
    expect(ingest.batches).toEqual([
      {
        regionId: row!.id,
        table: 'system.billing.usage',
        rows: [{ record_id: 'r-1' }],
        checkpoint: { at: '2026-03-01' },
      },
    ]);
    expect((await postBatch(token, { ...batch, table: 'main.secret.stuff' })).status).toBe(400);

    // A new string revokes the old token.
    const second = decodeConnectionString(
      await repliesTo(bot, () => bot.command(admin, 'connector connection-string us-east-1')),
    );
    expect((await postBatch(token, batch)).status).toBe(401);
    expect((await postBatch(second.token as string, batch)).status).toBe(200);
    expect(ingest.batches).toHaveLength(2);
    expect(bot.logs.text()).not.toContain(token);
    expect(bot.logs.text()).not.toContain(second.token as string);
  });

  it('deleting a connector removes its regions and secret and stops their schedules', async () => {
    const region = await regionRow('us-east-1');
    const refused = await repliesTo(bot, () => bot.command(PEOPLE.outsider.id, 'connector delete prod'));
    expect(refused).toContain('Only admins');
    const reply = await repliesTo(bot, () => bot.command(admin, 'connector delete prod'));
    expect(reply).toContain('Connector prod deleted, with regions us-east-1 and its stored secret');
    expect(await bot.db.selectFrom('connectors').selectAll().execute()).toEqual([]);
    expect(await bot.db.selectFrom('region_connectors').selectAll().execute()).toEqual([]);
    expect(schedules.calls.at(-1)).toEqual({ op: 'unschedule', regionId: region!.id });
    const unknown = await repliesTo(bot, () => bot.command(admin, 'connector delete prod'));
    expect(unknown).toContain('There is no connector named \\"prod\\"');
  });
});
