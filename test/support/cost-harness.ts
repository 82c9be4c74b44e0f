/**
 * The cost domain on a database of its own, with a seeded emulator account's system tables
 * (in the emulator's own database) copied into the collected tables: for tests of rollups,
 * reports and alert rules without the chat front ends.
 */
import type pg from 'pg';
import type { CostConfig } from '../../src/cost/config/cost-config.js';
import { DEFAULT_COST_CONFIG } from '../../src/cost/config/cost-config.js';
import type { CostDeps } from '../../src/cost/cost-deps.js';
import type { Alert } from '../../src/subscriptions/publish-alert.js';
import type { OutgoingMessage } from '../../src/messages/outbox.js';
import type { ChatMessage } from '../../src/messages/chat-message.js';
import {
  createEmulatorDatabaseUrl,
  createEmulatorPool,
  createSystemTables,
  dropEmulatorDatabase,
} from '../../emulator/emulator-database.js';
import { seedAccount, type SeedOptions, type SeededAccount } from '../../emulator/seed/seed-account.js';
import { captureLogger } from './capture-logger.js';
import { collectedUsageDates, copySeededAccount, createRegion } from './cost-fixture.js';
import { ManualClock } from './manual-clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { markUsageDates } from '../../src/cost/rollups/mark-usage-dates.js';

export interface SeededSystemTables {
  pool: pg.Pool;
  account: SeededAccount;
  close(): Promise<void>;
}

/** A seeded account in an emulator database (no HTTP server: only its tables). */
export async function seedSystemTables(options: SeedOptions): Promise<SeededSystemTables> {
  const url = await createEmulatorDatabaseUrl();
  const pool = createEmulatorPool(url, 4);
  await createSystemTables(pool);
  const account = await seedAccount(pool, options);
  return {
    pool,
    account,
    close: async () => {
      await pool.end();
      await dropEmulatorDatabase(url);
    },
  };
}

export async function startCostHarness(options: { config?: Partial<CostConfig>; now?: string } = {}) {
  const database: TestDatabase = await createTestDatabase('cost');
  const regionId = await createRegion(database.db);
  const clock = new ManualClock(options.now ?? '2026-06-01T09:00:00Z');
  const alerts: Alert[] = [];
  const sent: OutgoingMessage[] = [];
  const updated: { subject: { type: string; id: string }; message: ChatMessage }[] = [];
  const deps: CostDeps = {
    db: database.db,
    clock,
    log: captureLogger('warn').log,
    config: { ...DEFAULT_COST_CONFIG, ...options.config },
    outbox: {
      send: async (message) => {
        sent.push(message);
      },
      updateCopies: async (subject, _purpose, message) => {
        updated.push({ subject, message });
      },
      replyInThreads: async () => {
        throw new Error('cost alerts do not reply in threads');
      },
    },
    jobs: { refreshSoon: async () => {} },
    publishAlert: async (alert) => {
      alerts.push(alert);
      return 1;
    },
  };
  return {
    deps,
    db: database.db,
    clock,
    regionId,
    alerts,
    sent,
    /** Every `updateCopies` the domain asked for (state changes of posted alerts). */
    updated,
    /** Copies a seeded account into the collected tables and marks every usage date. */
    async collect(tables: SeededSystemTables) {
      await copySeededAccount(tables.pool, database.db, regionId);
      await markUsageDates(database.db, await collectedUsageDates(database.db), clock.now());
    },
    stop: () => database.drop(),
  };
}

export type CostHarness = Awaited<ReturnType<typeof startCostHarness>>;
