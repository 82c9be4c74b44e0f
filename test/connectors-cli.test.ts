import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import type { DatabricksEmulator } from '../emulator/databricks-emulator.js';
import {
  ACCOUNT_UUID,
  SP,
  decodeConnectionString,
  emulatorEnv,
  startConnectorEmulator,
} from './support/connectors-fixture.js';
import { REPO_ROOT, waitForExit } from './support/spawn-bot.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';

let emulator: DatabricksEmulator;
let database: TestDatabase;
let redis: ReturnType<typeof createTestRedisPrefix>;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  const started = await startConnectorEmulator();
  emulator = started.emulator;
  database = await createTestDatabase('cli');
  redis = createTestRedisPrefix('cli');
  dir = await mkdtemp(path.join(tmpdir(), 'dbchatops-cli-'));
  env = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: redis.prefix,
    POLICY_FILE: path.join(dir, 'no-policies.yml'),
    SP_SECRET: SP.clientSecret,
    ...emulatorEnv(started.caFile),
  };
});
afterAll(async () => {
  await database?.drop();
  await redis?.clear();
  await emulator?.close();
});

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdin: Readable.from([Buffer.from(stdin)]),
    env,
  });
  return { code, stdout, stderr };
}

const add = (name: string, secretArgs: string[]) => [
  'connector',
  'add',
  '--name',
  name,
  '--workspace-url',
  emulator.url,
  '--account-id',
  ACCOUNT_UUID,
  '--client-id',
  SP.clientId,
  ...secretArgs,
];

describe('npm run cli -- connector', () => {
  it('never takes the secret as an argument', async () => {
    const result = await cli(add('prod', ['--client-secret', SP.clientSecret]));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The client secret is never taken as an argument');
    expect(await database.db.selectFrom('connectors').selectAll().execute()).toEqual([]);
  });

  it('adds a connector from the real entry point, the secret read from stdin', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/cli.ts', ...add('prod', ['--client-secret-file', '-'])],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(`${SP.clientSecret}\n`);
    const { code } = await waitForExit(child, 60_000);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Connector prod saved');
    expect(stdout).toContain('✅ OAuth token');
    expect(stdout).toContain('✅ SELECT on system.billing.usage: Readable.');
    expect(stdout).not.toContain(SP.clientSecret);
    const row = await database.db.selectFrom('connectors').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'prod', created_by: expect.stringMatching(/^cli:/) });
    expect(row.client_secret.includes(Buffer.from(SP.clientSecret))).toBe(false);
  }, 60_000);

  it('reports a refused connector with exit code 1, from a secret file or variable', async () => {
    const file = path.join(dir, 'wrong-secret');
    await writeFile(file, 'wrong-secret\n');
    const refused = await cli(add('staging', ['--client-secret-file', file]));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Connector staging not saved: a required check failed');
    expect(refused.stdout).toContain('❌ OAuth token');
    const saved = await cli(add('staging', ['--client-secret-env', 'SP_SECRET']));
    expect(saved.code).toBe(0);
    expect(saved.stdout + saved.stderr).not.toContain(SP.clientSecret);
  });

  it('adds a region, prints a connection string alone on stdout, lists and deletes', async () => {
    const region = await cli([
      'connector',
      'add-region',
      '--connector',
      'prod',
      '--region',
      'us-east-1',
      '--workspace-url',
      emulator.url,
      '--every',
      '1h',
    ]);
    expect(region.code).toBe(0);
    expect(region.stdout).toContain('Region us-east-1 (prod) saved');
    const ambiguous = await cli([
      'connector',
      'add-region',
      '--region',
      'eu-west-1',
      '--workspace-url',
      emulator.url,
    ]);
    expect(ambiguous).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There are several connectors'),
    });

    const generated = await cli(['connector', 'connection-string', '--region', 'us-east-1']);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/^DBCHATOPS:\/\/[A-Za-z0-9+/=]+\n$/);
    expect(decodeConnectionString(generated.stdout)).toMatchObject({
      region: 'us-east-1',
      collectEverySeconds: 3600,
    });
    expect(generated.stderr).toContain('Shown once');

    const list = await cli(['connector', 'list']);
    expect(list.stdout).toContain('Databricks connectors (2)');
    expect(list.stdout).toContain('Region us-east-1 — health: pending (never collected)');
    expect(list.stdout).toContain('remote collector');

    const deleted = await cli(['connector', 'delete', '--name', 'staging']);
    expect(deleted).toMatchObject({ code: 0, stdout: expect.stringContaining('Connector staging deleted') });
    const unknown = await cli(['connector', 'frobnicate']);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown connector action') });
  });
});
