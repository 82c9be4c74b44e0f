import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../src/db/ensure-database.js';
import {
  EMULATOR_DATABASE_PREFIX,
  removeLeftovers,
  SANDBOX_DIR_PREFIX,
} from '../sandbox/sandbox-leftovers.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The id of a process that has exited (as a crashed sandbox's). */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
const databaseExists = (name: string) =>
  admin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);

describe('sandbox leftovers of crashed runs', () => {
  const tmp = mkdtemp(path.join(tmpdir(), 'leftovers-'));
  const dead = deadPid();
  const staleDb = `${EMULATOR_DATABASE_PREFIX}${dead}_0badc0de`;
  const liveDb = `${EMULATOR_DATABASE_PREFIX}${process.pid}_00c0ffee`;

  afterAll(async () => {
    await rm(await tmp, { recursive: true, force: true });
    await admin(async (c) => {
      for (const name of [staleDb, liveDb]) await c.query(`drop database if exists ${quoteIdentifier(name)}`);
    });
  });

  it('removes the temp folders and emulator databases of dead runs, and keeps a live run’s', async () => {
    const root = await tmp;
    const staleDir = path.join(root, `${SANDBOX_DIR_PREFIX}stale`);
    const liveDir = path.join(root, `${SANDBOX_DIR_PREFIX}live`);
    for (const [dir, pid] of [
      [staleDir, dead],
      [liveDir, process.pid],
    ] as const) {
      await mkdir(dir);
      await writeFile(path.join(dir, 'owner.pid'), String(pid));
    }
    await admin(async (c) => {
      for (const name of [staleDb, liveDb]) await c.query(`create database ${quoteIdentifier(name)}`);
    });

    const removed = await removeLeftovers(ADMIN_URL, root);

    expect(removed.dirs).toEqual([staleDir]);
    expect(removed.databases).toContain(staleDb);
    expect(removed.databases).not.toContain(liveDb);
    expect(existsSync(staleDir)).toBe(false);
    expect(existsSync(liveDir)).toBe(true);
    expect(await databaseExists(staleDb)).toBe(false);
    expect(await databaseExists(liveDb)).toBe(true);
  });
});
