import type { AgentScanDeps } from './agents/agent-scan-deps.js';
import type { FindingDeps } from './findings/finding-deps.js';
import type { AccessDeps } from './access/access-deps.js';
import type { GovernanceDeps } from './governance/governance-deps.js';
import type { CollectorDeps } from './collectors/collector-deps.js';
import type { Config } from './config/config.js';
import type { DeliveryDeps } from './messages/deliver-message.js';
import type { SubscriptionDeps } from './subscriptions/subscription-deps.js';
import type { Db } from './db/database.js';
import type { Logger } from './logging/logger.js';
import type { Clock } from './ports/clock.js';
import type { ConnectorDeps } from './connectors/connector-deps.js';
import type { CostDeps } from './cost/cost-deps.js';
import type { ActionDeps } from './actions/action-deps.js';

/**
 * What front ends and jobs are handed: configuration, infrastructure and the domain use cases.
 * Built once per process in src/runtime/build-services.ts.
 */
export interface Services {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  access: AccessDeps;
  governance: GovernanceDeps;
  delivery: DeliveryDeps;
  subscriptions: SubscriptionDeps;
  collectors: CollectorDeps;
  connectors: ConnectorDeps;
  agents: AgentScanDeps;
  findings: FindingDeps;
  cost: CostDeps;
  actions: ActionDeps;
}
