/**
 * Sandbox start-up: `npm run sandbox` as a person starts it (a new process), timed from process
 * start until its console reports the demo ready (subscriptions, connector, collection of 90 days,
 * cost rollups and alerts, agent scan), a few times; then Ctrl-C, which must exit cleanly.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { Redis } from 'ioredis';
import { quoteIdentifier } from '../src/db/ensure-database.js';
import { prebuildSandbox, spawnSandboxProcess } from '../sandbox/sandbox-process.js';
import { check, type BenchResult } from './report.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const GOAL_SECONDS = 15;

export async function sandboxStartup(options: { runs: number }): Promise<BenchResult> {
  const name = `dbchatops_bench_sandbox_${randomBytes(4).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const queuePrefix = `dbchatops-bench-sandbox-${randomBytes(4).toString('hex')}`;
  const seconds: number[] = [];
  const exits: (number | null)[] = [];
  try {
    await prebuildSandbox(); // the first start after a change builds the bundle; not timed
    for (let run = 0; run < options.runs; run += 1) {
      const sandbox = spawnSandboxProcess({ port: await freePort(), databaseUrl, queuePrefix });
      try {
        seconds.push(await sandbox.ready(120_000));
      } finally {
        exits.push(await sandbox.stop('SIGINT'));
      }
    }
  } finally {
    await dropDatabase(name);
    await deleteKeys(queuePrefix);
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return {
    title: `Sandbox start-up (npm run sandbox, ${options.runs} starts)`,
    lines: [
      `From process start to a usable console (demo data ready): ${seconds.map((s) => `${s.toFixed(1)} s`).join(', ')}`,
      `Median ${median.toFixed(1)} s; goal ≤ ${GOAL_SECONDS} s on a 2-core machine.`,
    ],
    checks: [
      check(median <= GOAL_SECONDS, `median start-up ${median.toFixed(1)} s ≤ ${GOAL_SECONDS} s`),
      check(
        exits.every((code) => code === 0),
        `every start stopped cleanly on Ctrl-C (exit codes ${exits.join(', ')})`,
      ),
    ],
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
