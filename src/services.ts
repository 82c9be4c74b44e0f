import type { AccessDeps } from './access/access-deps.js';
import type { Config } from './config/config.js';
import type { DeliveryDeps } from './messages/deliver-message.js';
import type { SubscriptionDeps } from './subscriptions/subscription-deps.js';
import type { Db } from './db/database.js';
import type { Logger } from './logging/logger.js';
import type { Clock } from './ports/clock.js';

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
  delivery: DeliveryDeps;
  subscriptions: SubscriptionDeps;
}
