import { mkdtemp, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { CollectorIngest } from '../src/collectors/collector-ingest.js';
import { hashCollectorToken, newCollectorToken } from '../src/connectors/collector-token.js';
import { formatConnectionString } from '../src/connectors/connection-string.js';
import type { ConnectorDeps } from '../src/connectors/connector-deps.js';
import { INGEST_BATCHES_PATH } from '../src/connectors/ingest-batch.js';
import { createIngestRouter } from '../src/runtime/ingest-router.js';
import { DEFAULT_WAREHOUSE_ID } from '../emulator/databricks-emulator.js';
import { compareCollected } from './support/collected-comparison.js';
import {
  COLLECTOR_CREDENTIALS,
  startCollectorFixture,
  type CollectorFixture,
} from './support/collector-fixture.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';

let fixture: CollectorFixture;
const redis = createTestRedisPrefix('collect-cli');

beforeAll(async () => {
  fixture = await startCollectorFixture({ seed: { days: 5, workspaces: 1 } });
});

afterAll(async () => {
  await fixture?.stop();
  await redis.clear();
});

function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (text: string) => void out.push(text),
    stderr: (text: string) => void err.push(text),
    stdin: (async function* () {})(),
    env: {
      DATABASE_URL: fixture.database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      ENCRYPTION_KEY: fixture.encryptionKey.toString('base64'),
      LOG_LEVEL: 'silent',
      ...env,
    },
  };
  return runCli(args, io, { workspaces: fixture.deps.workspaces, clock: fixture.clock }).then((code) => ({
    code,
    stdout: out.join(''),
    stderr: err.join(''),
  }));
}

async function expectExactlyTheEmulatorsRows() {
  for (const comparison of await compareCollected(fixture.emulator.pool, fixture.db, fixture.regionId)) {
    expect(comparison.collected, comparison.table).toEqual(comparison.emulator);
  }
}

test('`collect --now <region>` runs one collection in the CLI process and prints what each table brought', async () => {
  const result = await cli(['collect', '--now', 'us-west-2']);

  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('Region us-west-2: succeeded');
  expect(result.stdout).toMatch(/system\.billing\.usage\s+collected\s+read \d+, written \d+/);
  expect(result.stdout).toContain('Health: ok');
  const runs = await fixture.db.selectFrom('collector_runs').select(['trigger', 'status']).execute();
  expect(runs).toEqual([{ trigger: 'manual', status: 'succeeded' }]);
  await expectExactlyTheEmulatorsRows();
});

test('`collect` refuses a command line that names neither a region nor a connection string', async () => {
  const result = await cli(['collect']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('Give either --now <region> or a connection string.');
});

test('a remote collector reads the tables in its own network and pushes them through POST /ingest/v1/batches', async () => {
  // The bot's side: the ingest routes over the collectors' IngestBatches implementation.
  const token = newCollectorToken();
  await fixture.db
    .updateTable('region_connectors')
    .set({ mode: 'remote', remote_token_hash: hashCollectorToken(token) })
    .where('id', '=', fixture.regionId)
    .execute();
  await fixture.db.deleteFrom('collected_billing_usage').execute();
  await fixture.db.deleteFrom('collector_checkpoints').execute();
  const app = express();
  app.use(
    createIngestRouter({
      db: fixture.db,
      log: fixture.logs.log,
      ingest: new CollectorIngest(fixture.deps),
    } as unknown as ConnectorDeps),
  );
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'collector-ca-'));
  await writeFile(path.join(dir, 'ca.pem'), fixture.emulator.caCert);
  const connectionString = formatConnectionString({
    v: 1,
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ingestPath: INGEST_BATCHES_PATH,
    connectorId: fixture.connectorId,
    regionId: fixture.regionId,
    region: 'us-west-2',
    collectEverySeconds: 900,
    token,
  });
  const remote = (connection = connectionString) =>
    cli(
      [
        'collect',
        '--connection-string-env',
        'COLLECTOR_CONNECTION',
        '--workspace-url',
        fixture.emulator.url,
        '--warehouse',
        DEFAULT_WAREHOUSE_ID,
        '--client-id',
        COLLECTOR_CREDENTIALS.clientId,
        '--client-secret-env',
        'COLLECTOR_SECRET',
        '--batch-size',
        '300',
      ],
      {
        COLLECTOR_CONNECTION: connection,
        COLLECTOR_SECRET: COLLECTOR_CREDENTIALS.clientSecret,
        DATABRICKS_TLS_CA_FILE: path.join(dir, 'ca.pem'),
        DATABRICKS_ALLOW_LOOPBACK_HOSTS: 'true',
      },
    );
  try {
    const first = await remote();
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('Region us-west-2 (remote): finished');
    expect(first.stdout).toContain('Health: ok');
    expect(first.code).toBe(0);
    await expectExactlyTheEmulatorsRows();
    const runs = await fixture.db
      .selectFrom('collector_runs')
      .select(['trigger', 'status'])
      .orderBy('started_at')
      .execute();
    expect(runs.at(-1)).toEqual({ trigger: 'remote', status: 'succeeded' });

    // The next run resumes from the bot's checkpoints: billing is read from its overlap only.
    const before = fixture.emulator.statements.length;
    const second = await remote();
    expect(second.code).toBe(0);
    const usage = fixture.emulator.statements
      .slice(before)
      .find((s) => s.tables.includes('system.billing.usage'));
    expect(usage?.parameters).toEqual([expect.objectContaining({ name: 'since' })]);
    await expectExactlyTheEmulatorsRows();

    // A wrong token is refused before anything is read or stored.
    const runsBefore = await fixture.db.selectFrom('collector_runs').select('id').execute();
    const forged = formatConnectionString({
      v: 1,
      apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      ingestPath: INGEST_BATCHES_PATH,
      connectorId: fixture.connectorId,
      regionId: fixture.regionId,
      region: 'us-west-2',
      collectEverySeconds: 900,
      token: newCollectorToken(),
    });
    const refused = await remote(forged);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('GET /ingest/v1/checkpoints: HTTP 401');
    expect(await fixture.db.selectFrom('collector_runs').select('id').execute()).toHaveLength(
      runsBefore.length,
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
