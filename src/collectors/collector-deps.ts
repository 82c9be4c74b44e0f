import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../ports/clock.js';
import type { WorkspaceApiFactory } from '../ports/databricks-workspace.js';
import type { SecretBox } from '../security/secret-box.js';
import type { RegionHealth } from './region-health.js';
import type { RegionSchedules } from './region-schedules.js';
import type { SystemTableSpec } from './system-table-spec.js';

export interface CollectorSettings {
  /** Rows fetched, normalized and upserted at a time; bounds memory. */
  batchSize: number;
  /** Overlap per table (e.g. `{ 'system.billing.usage': 3 * DAY_MS }`), replacing its default. */
  overlapMs?: Readonly<Record<string, number>>;
  /** The tables to collect; default: SYSTEM_TABLE_CATALOG. */
  tables?: readonly SystemTableSpec[];
}

/** Told the region's health after every run (the connector domain stores it and announces changes). */
export type RegionHealthRecorder = (regionId: string, health: RegionHealth) => Promise<void>;

/**
 * Told after every run which usage dates its billing rows (inserted or changed) belong to (maybe
 * none), so the cost domain recomputes those days (late rows and corrections included) and
 * evaluates its alert rules.
 */
export interface CollectedUsageListener {
  afterCollectorRun(regionId: string, touchedUsageDates: readonly string[]): Promise<void>;
}

/** What the collector use cases need; built once per process in src/runtime/build-services.ts. */
export interface CollectorDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  workspaces: WorkspaceApiFactory;
  /** Opens connectors' client secrets (ENCRYPTION_KEY). */
  secrets: SecretBox | undefined;
  settings: CollectorSettings;
  recordRegionHealth: RegionHealthRecorder;
  usageListener: CollectedUsageListener;
  schedules: RegionSchedules;
}
