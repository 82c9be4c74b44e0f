import type { Db } from '../db/database.js';
import type { FindingDeps } from '../findings/finding-deps.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../ports/clock.js';
import type { WorkspaceApiFactory } from '../ports/databricks-workspace.js';
import type { SecretBox } from '../security/secret-box.js';
import type { AgentScanConfig } from './agent-scan-config.js';
import type { AgentScanSchedules } from './scan-schedules.js';

/** What agent discovery and scanning need; built once per process in src/runtime/build-services.ts. */
export interface AgentScanDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  config: AgentScanConfig;
  workspaces: WorkspaceApiFactory;
  /** Opens connectors' stored client secrets; undefined without ENCRYPTION_KEY. */
  secrets: SecretBox | undefined;
  /** Keys finding fingerprints (derived from ENCRYPTION_KEY); undefined without it. */
  fingerprintKey: Buffer | undefined;
  findings: FindingDeps;
  schedules: AgentScanSchedules;
}
