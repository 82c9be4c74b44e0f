/**
 * A region connector pointed at the Databricks workspace emulator, with the collector's real
 * dependencies: the workspace client (the real `@databricks/sql` driver over HTTPS), a migrated
 * Postgres database of its own, and a manual clock. Health reports and touched usage dates are
 * recorded for assertions.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { WorkspaceClientFactory } from '../../src/adapters/databricks/workspace-client-factory.js';
import { collectRegion, type CollectRegionOptions } from '../../src/collectors/collect-region.js';
import type { CollectorDeps, CollectorSettings } from '../../src/collectors/collector-deps.js';
import type { RegionHealth } from '../../src/collectors/region-health.js';
import type { RegionSchedules } from '../../src/collectors/region-schedules.js';
import { toRegionHealthReport } from '../../src/collectors/health-report.js';
import { secretContext } from '../../src/connectors/connector-deps.js';
import { recordRegionHealth } from '../../src/connectors/region-health.js';
import type { Outbox } from '../../src/messages/outbox.js';
import { SecretBox } from '../../src/security/secret-box.js';
import {
  DEFAULT_WAREHOUSE_ID,
  startDatabricksEmulator,
  type DatabricksEmulator,
  type DatabricksEmulatorOptions,
  type SeedOptions,
  type SeededAccount,
} from '../../emulator/databricks-emulator.js';
import { captureLogger } from './capture-logger.js';
import { ManualClock } from './manual-clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const COLLECTOR_CREDENTIALS = { clientId: 'collector-sp', clientSecret: 'collector-sp-secret' };
export const SEED_TODAY = '2026-11-20';

export interface CollectorFixtureOptions {
  emulator?: Partial<DatabricksEmulatorOptions>;
  seed?: SeedOptions | false;
  settings?: Partial<CollectorSettings>;
  /** The client secret stored on the connector (a wrong one makes every run fail). */
  storedSecret?: string;
  everySeconds?: number;
}

export async function startCollectorFixture(options: CollectorFixtureOptions = {}) {
  const emulator: DatabricksEmulator = await startDatabricksEmulator({
    ...COLLECTOR_CREDENTIALS,
    maxPageRows: 1_000,
    ...options.emulator,
  });
  const seeded: SeededAccount | undefined =
    options.seed === false
      ? undefined
      : await emulator.seed({
          seed: 11,
          days: 20,
          workspaces: 2,
          today: new Date(SEED_TODAY),
          ...options.seed,
        });
  const database: TestDatabase = await createTestDatabase('collectors');
  const clock = new ManualClock(`${SEED_TODAY}T06:00:00Z`);
  const logs = captureLogger('warn');
  const encryptionKey = randomBytes(32);
  const secrets = new SecretBox(encryptionKey);
  const connectorId = randomUUID();
  const regionId = randomUUID();
  await database.db
    .insertInto('connectors')
    .values({
      id: connectorId,
      name: `emulated-${connectorId.slice(0, 8)}`,
      cloud: 'aws',
      workspace_url: emulator.url,
      account_id: seeded?.accountId ?? randomUUID(),
      client_id: COLLECTOR_CREDENTIALS.clientId,
      client_secret: secrets.seal(
        options.storedSecret ?? COLLECTOR_CREDENTIALS.clientSecret,
        secretContext(connectorId),
      ),
      warehouse_id: DEFAULT_WAREHOUSE_ID,
      created_by: 'test',
      created_at: clock.now(),
      validated_at: clock.now(),
    })
    .execute();
  await database.db
    .insertInto('region_connectors')
    .values({
      id: regionId,
      connector_id: connectorId,
      region: 'us-west-2',
      workspace_url: emulator.url,
      warehouse_id: DEFAULT_WAREHOUSE_ID,
      collect_every_seconds: options.everySeconds ?? 900,
      remote_token_hash: null,
      health_changed_at: null,
      last_ingested_at: null,
      created_at: clock.now(),
    })
    .execute();
  const healthReports: RegionHealth[] = [];
  const touchedDates: string[][] = [];
  const healthDeps = {
    db: database.db,
    clock,
    log: logs.log,
    publishAlert: async () => 0,
    outbox: undefined as unknown as Outbox,
    healthChannel: undefined,
  };
  const deps: CollectorDeps = {
    db: database.db,
    clock,
    log: logs.log,
    workspaces: new WorkspaceClientFactory({
      extraCaPem: emulator.caCert,
      allowLoopbackHosts: true,
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
      driver: { retryMaxAttempts: 2, retryDelayMin: 10, retryDelayMax: 50 },
    }),
    secrets,
    settings: { batchSize: 400, ...options.settings },
    recordRegionHealth: async (id, health) => {
      healthReports.push(health);
      await recordRegionHealth(healthDeps, id, toRegionHealthReport(health));
    },
    usageListener: { afterCollectorRun: async (_id, dates) => void touchedDates.push([...dates]) },
    schedules: unusedSchedules,
  };
  return {
    emulator,
    seeded,
    database,
    db: database.db,
    deps,
    clock,
    logs,
    regionId,
    connectorId,
    encryptionKey,
    healthReports,
    touchedDates,
    collect: (collectOptions: CollectRegionOptions = {}) => collectRegion(deps, regionId, collectOptions),
    async stop() {
      await database.drop();
      await emulator.close();
    },
  };
}

export type CollectorFixture = Awaited<ReturnType<typeof startCollectorFixture>>;

const unusedSchedules: RegionSchedules = {
  scheduleRegion: async () => undefined,
  unscheduleRegion: async () => undefined,
  scheduledRegions: async () => [],
  runNow: async () => undefined,
};
