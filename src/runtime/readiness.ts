import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Db } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<'postgres' | 'redis' | 'migrations', { ok: boolean; detail?: string }>;
}

const TIMEOUT_MS = 2_000;

/** Is this process able to serve: Postgres and Redis reachable, every migration applied. */
export async function checkReadiness(db: Db, redis: Redis): Promise<ReadinessReport> {
  const [postgres, redisCheck, migrations] = await Promise.all([
    probe(async () => {
      await sql`select 1`.execute(db);
    }),
    probe(async () => {
      if ((await redis.ping()) !== 'PONG') throw new Error('unexpected PING reply');
    }),
    probe(async () => {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) throw new Error(`pending: ${pending.join(', ')}`);
    }),
  ]);
  const checks = { postgres, redis: redisCheck, migrations };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}

async function probe(check: () => Promise<void>): Promise<{ ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
