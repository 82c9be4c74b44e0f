import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { quoteIdentifier } from '../src/db/ensure-database.js';

/**
 * What a sandbox run leaves on the machine, named after the process that owns it, so the next
 * start can remove what a crashed or killed run left behind: a temp folder
 * (`dbchatops-sandbox-*`, with an `owner.pid` file) and the emulator's database
 * (`dbchatops_dbx_sandbox_p<pid>_<hex>`). Things owned by a live process are left alone.
 */
export const SANDBOX_DIR_PREFIX = 'dbchatops-sandbox-';
export const EMULATOR_DATABASE_PREFIX = 'dbchatops_dbx_sandbox_p';
const OWNER_FILE = 'owner.pid';
/** Folders of older sandboxes had no owner file: removed once this old. */
const UNOWNED_DIR_MAX_AGE_MS = 60 * 60_000;

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A name for this process's emulator database. */
export function emulatorDatabaseName(pid = process.pid): string {
  return `${EMULATOR_DATABASE_PREFIX}${pid}_${randomBytes(4).toString('hex')}`;
}

export function ownerOfDatabase(name: string): number | undefined {
  const match = new RegExp(`^${EMULATOR_DATABASE_PREFIX}(\\d+)_[0-9a-f]+$`).exec(name);
  return match ? Number(match[1]) : undefined;
}

export async function markOwner(dir: string, pid = process.pid): Promise<void> {
  await writeFile(path.join(dir, OWNER_FILE), String(pid));
}

export interface RemovedLeftovers {
  dirs: string[];
  databases: string[];
}

/** Removes the temp folders and emulator databases of sandbox runs whose process is gone. */
export async function removeLeftovers(adminUrl: string, tmp = tmpdir()): Promise<RemovedLeftovers> {
  const [dirs, databases] = await Promise.all([removeStaleDirs(tmp), dropStaleDatabases(adminUrl)]);
  return { dirs, databases };
}

async function removeStaleDirs(tmp: string): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(tmp, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || !entry.name.startsWith(SANDBOX_DIR_PREFIX)) continue;
    const dir = path.join(tmp, entry.name);
    const owner = await readFile(path.join(dir, OWNER_FILE), 'utf8').catch(() => undefined);
    const stale =
      owner === undefined
        ? Date.now() - (await stat(dir)).mtimeMs > UNOWNED_DIR_MAX_AGE_MS
        : !isAlive(Number(owner));
    if (!stale) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

async function dropStaleDatabases(adminUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [EMULATOR_DATABASE_PREFIX],
    );
    const stale = rows.map((r) => r.datname).filter((name) => !isAlive(ownerOfDatabase(name) ?? -1));
    for (const name of stale)
      await client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`);
    return stale;
  } finally {
    await client.end();
  }
}
