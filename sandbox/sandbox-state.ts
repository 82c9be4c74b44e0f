import { Redis } from 'ioredis';
import pg from 'pg';
import { ensureDatabase } from '../src/db/ensure-database.js';

/**
 * Each sandbox start begins from nothing: the demo's chat messages live in memory, so requests,
 * grants, alerts and queued jobs of an earlier run would survive without their messages (and
 * #finops would stay empty, its alerts announced once already). The database's tables and the
 * queue prefix's keys are removed; the runtime then migrates and the demo is set up again.
 */
export async function resetSandboxState(databaseUrl: string, redisUrl: string, queuePrefix: string) {
  await Promise.all([emptyDatabase(databaseUrl), deleteKeys(redisUrl, queuePrefix)]);
}

async function emptyDatabase(databaseUrl: string): Promise<void> {
  await ensureDatabase(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query('drop schema if exists public cascade; create schema public');
  } finally {
    await client.end();
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
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
