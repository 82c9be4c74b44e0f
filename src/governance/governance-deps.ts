import type { AccessDeps } from '../access/access-deps.js';
import type { RequestPacer } from '../ports/databricks-account.js';

/** Deferred work of access reviews. */
export interface ReviewJobs {
  /** Carries out the removals of review decisions (Remove, Convert) now. */
  carryOutRemovals(campaignId: string): Promise<void>;
}

/**
 * What discovery and access reviews need: the access domain's parts (database, SCIM port,
 * policy, outbox, alerts), plus the read budget discovery spends.
 */
export interface GovernanceDeps extends AccessDeps {
  /** Paces discovery's SCIM reads (shared by every replica); undefined reads unpaced. */
  discoveryPacer: RequestPacer | undefined;
  /** Groups per `GET /Groups` page; Databricks serves at most 100. */
  discoveryPageSize: number;
  reviewJobs: ReviewJobs;
}

export const DEFAULT_DISCOVERY_PAGE_SIZE = 100;
