import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REQUIRED_SYSTEM_TABLES } from '../src/connectors/system-tables.js';
import { secretContext } from '../src/connectors/connector-deps.js';
import { SecretBox } from '../src/security/secret-box.js';
import { CONNECT_MODAL } from '../bots/slack/views/connect-modal.js';
import type { DatabricksEmulator } from '../emulator/databricks-emulator.js';
import { PEOPLE, SLACK_USERS, repliesTo } from './support/access-fixture.js';
import {
  ENCRYPTION_KEY,
  RecordingIngest,
  RecordingSchedules,
  SP,
  connectFormValues,
  emulatorEnv,
  startConnectorEmulator,
} from './support/connectors-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;
let emulator: DatabricksEmulator;
const schedules = new RecordingSchedules();
const admin = PEOPLE.admin.id;

beforeAll(async () => {
  const started = await startConnectorEmulator();
  emulator = started.emulator;
  bot = await startTestBot({
    slackUsers: SLACK_USERS,
    env: { ADMIN_SLACK_USER_IDS: admin, ...emulatorEnv(started.caFile) },
    runtime: { connectorSchedules: schedules, ingestBatches: new RecordingIngest() },
  });
});
afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
});
beforeEach(() => {
  emulator.faults.clear();
});

const connectorRows = () => bot.db.selectFrom('connectors').selectAll().execute();
/** Submits the connect form and returns the report DM'd to the admin by it. */
async function submitConnect(values: Parameters<typeof connectFormValues>[0]) {
  const before = bot.slack.callsTo('chat.postMessage').length;
  const reply = await bot.submitView(admin, CONNECT_MODAL, connectFormValues(values));
  const posted = bot.slack
    .callsTo('chat.postMessage')
    .slice(before)
    .filter((c) => c.params.channel === admin);
  return { reply, report: JSON.stringify(posted.map((call) => call.params)) };
}

describe('/databricks connect', () => {
  it('opens the form for admins only', async () => {
    const refused = await repliesTo(bot, () => bot.command(PEOPLE.outsider.id, 'connect'));
    expect(refused).toContain('Only admins can add, change or delete Databricks connectors.');
    const typed = await repliesTo(bot, () => bot.command(admin, `connect prod ${SP.clientSecret}`));
    expect(typed).toContain('the credentials go into the form');
    await bot.command(admin, 'connect');
    const opened = bot.slack.callsTo('views.open').at(-1)!;
    expect(JSON.stringify(opened.params.view)).toContain(CONNECT_MODAL);
    expect(JSON.stringify(opened.params.view)).toContain('client_secret');
  });

  it('refuses a host outside the Databricks clouds inside the form, and saves nothing', async () => {
    const { reply } = await submitConnect({ name: 'elsewhere', workspaceUrl: 'https://dbx.example.com' });
    expect(reply.json).toMatchObject({
      response_action: 'errors',
      errors: {
        workspace_url: expect.stringContaining('dbx.example.com is not a Databricks workspace host'),
      },
    });
    expect(await connectorRows()).toEqual([]);
  });

  it('reports a failed token check for bad credentials and saves nothing', async () => {
    const { report } = await submitConnect({
      name: 'prod',
      workspaceUrl: emulator.url,
      clientSecret: 'not-the-secret',
    });
    expect(report).toContain('Connector prod not saved: a required check failed');
    expect(report).toContain('❌ OAuth token: The workspace refused the client id and secret');
    expect(report).toContain('⏭️ SQL warehouses listed: needs a token');
    expect(await connectorRows()).toEqual([]);
  });

  it('fails the warehouse check when the workspace has no usable warehouse', async () => {
    const states = emulator.warehouses.map((w) => w.state);
    for (const warehouse of emulator.warehouses) warehouse.state = 'DELETED';
    try {
      const { report } = await submitConnect({ name: 'prod', workspaceUrl: emulator.url });
      expect(report).toContain('✅ OAuth token');
      expect(report).toContain('✅ SQL warehouses listed: 0 warehouses');
      expect(report).toContain('❌ SQL warehouse: No SQL warehouse the service principal can use');
    } finally {
      emulator.warehouses.forEach((warehouse, i) => (warehouse.state = states[i]!));
    }
    expect(await connectorRows()).toEqual([]);
  });

  it('refuses when a required system table cannot be read, naming it', async () => {
    emulator.faults.denySelect('system.query.history');
    const { report } = await submitConnect({ name: 'prod', workspaceUrl: emulator.url });
    expect(report).toContain('not saved');
    expect(report).toContain('❌ SELECT on system.query.history: No SELECT permission');
    expect(report).toContain('✅ SELECT on system.billing.usage: Readable.');
    expect(await connectorRows()).toEqual([]);
  });

  it('saves with every check reported; an unreadable optional table is recorded unavailable', async () => {
    emulator.faults.denySelect('system.access.audit');
    const { report } = await submitConnect({ name: 'Prod', workspaceUrl: emulator.url });
    expect(report).toContain('Connector prod saved');
    expect(report).toContain('✅ OAuth token');
    expect(report).toContain('✅ SQL warehouses listed: 2 warehouses');
    expect(report).toContain('✅ SQL warehouse: Using Serverless Starter (ffeeddccbbaa9988, RUNNING)');
    for (const table of REQUIRED_SYSTEM_TABLES) expect(report).toContain(`✅ SELECT on ${table}: Readable.`);
    expect(report).toContain('➖ SELECT on system.access.audit (optional): No SELECT permission');
    expect(report).toContain('✅ SELECT on system.serving.endpoint_usage (optional): Readable.');
    const probes = emulator.statements.filter((s) =>
      s.sql.startsWith('SELECT 1 FROM system.query.history LIMIT 1'),
    );
    expect(probes.length).toBeGreaterThan(0);

    const [row] = await connectorRows();
    expect(row).toMatchObject({
      name: 'prod',
      cloud: 'aws',
      workspace_url: emulator.url,
      account_id: '0d26daa6-5e44-4c97-a497-ef015f91254a',
      client_id: SP.clientId,
      warehouse_id: 'ffeeddccbbaa9988',
      created_by: `slack:${admin}`,
    });
    expect(row!.optional_tables).toMatchObject({
      'system.access.audit': 'unavailable',
      'system.serving.endpoint_usage': 'available',
    });
    // The stored row holds the secret sealed, never in the clear (raw bytes, base64 or hex).
    const raw = await bot.db.selectFrom('connectors').select('client_secret').executeTakeFirstOrThrow();
    const bytes = raw.client_secret;
    for (const form of [SP.clientSecret, Buffer.from(SP.clientSecret).toString('base64')]) {
      expect(bytes.includes(Buffer.from(form))).toBe(false);
    }
    expect(bytes.toString('hex')).not.toContain(Buffer.from(SP.clientSecret).toString('hex'));
    expect(JSON.stringify(row)).not.toContain(SP.clientSecret);
    const box = new SecretBox(Buffer.from(ENCRYPTION_KEY, 'base64'));
    expect(box.open(bytes, secretContext(row!.id))).toBe(SP.clientSecret);
    // Nor does any log line, chat message, or the audit trail.
    expect(bot.logs.text()).not.toContain(SP.clientSecret);
    expect(JSON.stringify(bot.slack.calls)).not.toContain(SP.clientSecret);
    const audit = await bot.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'connector.added')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(SP.clientSecret);
  });

  it('refuses a second connector with the same name inside the form', async () => {
    const { reply } = await submitConnect({ name: 'prod', workspaceUrl: emulator.url });
    expect(reply.json).toMatchObject({
      response_action: 'errors',
      errors: { name: 'A connector named "prod" already exists.' },
    });
  });
});
