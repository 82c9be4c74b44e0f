/**
 * A Postgres cluster of the fault suite's own (never the shared one on 5432): initdb into a temp
 * dir, started on a free port with pg_ctl, restarted with `pg_ctl restart -m fast` as a fault.
 * initdb and postgres refuse to run as root, so as root they run as the `postgres` OS user.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../support/spawn-bot.js';
import type { Cleanup } from './cleanup.js';
import { waitUntil } from './wait.js';

const run = promisify(execFile);

export interface OwnPostgres {
  port: number;
  /** A connection URL for `database` (created by the bot itself on start-up). */
  url(database: string): string;
  /** `pg_ctl restart -m fast`: every connection is terminated; resolves once it accepts again. */
  restart(): Promise<void>;
  restarts: number;
}

export async function startOwnPostgres(cleanup: Cleanup): Promise<OwnPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'dbchatops-faults-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
      : [path.join(bin, tool), args];
  const logFile = path.join(dir, 'postgres.log');
  // No pipes: the postmaster pg_ctl starts would inherit them and keep them open.
  const pgCtl = (...args: string[]) => runDetached(...command('pg_ctl', ['-D', data, ...args]));
  const stopNow = () => {
    try {
      execFileSync(...command('pg_ctl', ['-D', data, 'stop', '-m', 'immediate']), { stdio: 'ignore' });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  cleanup.add({
    what: `own Postgres in ${dir}`,
    run: async () => {
      await pgCtl('stop', '-m', 'fast', '-w').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
    runNow: stopNow,
  });

  await run(...command('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']), {
    timeout: 120_000,
  });
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  await pgCtl('start', '-w', '-t', '60', '-l', logFile, '-o', options);
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  await waitUntil('own Postgres to accept connections', () => accepts(url('postgres')), 30_000);

  // Two faults that fall together restart one after the other: concurrent `pg_ctl restart`s
  // fight over the postmaster and one of them fails.
  let previous: Promise<unknown> = Promise.resolve();
  const restartOnce = async () => {
    await pgCtl('restart', '-m', 'fast', '-w', '-t', '60', '-l', logFile);
    await waitUntil('own Postgres to accept connections again', () => accepts(url('postgres')), 30_000);
    postgres.restarts += 1;
  };
  const postgres: OwnPostgres = {
    port,
    url,
    restarts: 0,
    restart: () => {
      const next = previous.then(restartOnce, restartOnce);
      previous = next.catch(() => undefined);
      return next;
    },
  };
  return postgres;
}

function runDetached(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(args[3] ?? file)} ${args.join(' ')} exited ${code}`)),
    );
  });
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Debian's versioned directory (newest), else wherever `initdb` is on the PATH. */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const bin = path.join(root, version, 'bin');
      if (existsSync(path.join(bin, 'initdb'))) return bin;
    }
  }
  const found = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
  if (!found) throw new Error('initdb not found: install PostgreSQL server binaries');
  return path.dirname(found);
}
