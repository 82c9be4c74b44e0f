import { JobQueues } from '../../jobs/job-queues.js';
import { loadPolicyFile } from '../access/policy/load-policy-file.js';
import { createRedisConnection } from '../adapters/redis/redis-connection.js';
import type { Config } from '../config/config.js';
import { createDb } from '../db/database.js';
import { ensureDatabase } from '../db/ensure-database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { WorkspaceApiFactory } from '../ports/databricks-workspace.js';
import type { Services } from '../services.js';
import { buildServices } from './build-services.js';
import { loadChatPlatforms } from './chat-platforms.js';

export interface CliServiceOptions {
  config: Config;
  log: Logger;
  clock?: Clock;
  workspaces?: WorkspaceApiFactory;
}

/**
 * The same services the bot runs with, for a one-shot command (`npm run cli`): the database
 * (created and migrated like at start-up when MIGRATE_ON_START), Redis for the queues that hooks
 * and deliveries use, and every port wired as in the bot. No HTTP server, no workers.
 */
export async function openCliServices(
  options: CliServiceOptions,
): Promise<{ services: Services; close(): Promise<void> }> {
  const { config, log } = options;
  if (config.migrateOnStart) await ensureDatabase(config.databaseUrl);
  const db = createDb(config.databaseUrl, { maxConnections: 2 });
  const redis = createRedisConnection(config.redisUrl, 'cli');
  const queues = new JobQueues(redis, config.queuePrefix);
  const close = async () => {
    await queues.close();
    await redis.quit().catch(() => redis.disconnect());
    await db.destroy();
  };
  try {
    if (config.migrateOnStart) await migrateToLatest(db);
    const policy = await loadPolicyFile(config.policyFile, { required: false });
    const services = buildServices({
      config,
      db,
      redis,
      queues,
      clock: options.clock ?? systemClock,
      log,
      policy,
      workspaces: options.workspaces,
      chat: await loadChatPlatforms(config, db, log),
    });
    return { services, close };
  } catch (error) {
    await close();
    throw error;
  }
}
