/**
 * A Redis of the fault suite's own (never the shared one on 6379), a child process on a free
 * port without persistence, so FLUSHALL really loses every queue, delayed job and schedule.
 */
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort, waitForExit } from '../../support/spawn-bot.js';
import type { Cleanup } from './cleanup.js';
import { waitUntil } from './wait.js';

export interface OwnRedis {
  url: string;
  flushAll(): Promise<void>;
  flushes: number;
}

export async function startOwnRedis(cleanup: Cleanup): Promise<OwnRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  cleanup.add({
    what: `own Redis on port ${port}`,
    run: async () => {
      if (!running()) return;
      child.kill('SIGTERM');
      await waitForExit(child, 10_000).catch(() => child.kill('SIGKILL'));
    },
    runNow: () => void (running() && child.kill('SIGKILL')),
  });
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  client.on('error', () => undefined);
  cleanup.add({
    what: 'own Redis client',
    run: async () => client.disconnect(),
    runNow: () => client.disconnect(),
  });
  await waitUntil(
    'own Redis to answer PING',
    async () => (await client.ping().catch(() => 'no')) === 'PONG',
    15_000,
  );
  const redis: OwnRedis = {
    url,
    flushes: 0,
    flushAll: async () => {
      await client.flushall();
      redis.flushes += 1;
    },
  };
  return redis;
}
