import type { SqlRow } from '../ports/databricks-workspace.js';

/**
 * Where remote collectors' data goes once their token has been checked (routes under
 * `/ingest/v1`, see ingest-batch.ts). The collectors implement it; until they are wired the
 * routes answer 503 and store nothing. Throwing a DomainError (e.g. InvalidInput) answers 400.
 */
export interface IngestBatches {
  /**
   * Stores `rows` of system table `table` (e.g. `system.billing.usage`) for region `regionId`, and
   * the collector's `checkpoint` (JSON, as the collector sent it) in the same transaction.
   * `POST /ingest/v1/batches`.
   */
  ingest(regionId: string, table: string, rows: SqlRow[], checkpoint: unknown): Promise<void>;
  /** Optional: where each table resumes, for a collector starting a run. `GET /ingest/v1/checkpoints?regionId=`. */
  checkpoints?(regionId: string): Promise<unknown>;
  /** Optional: the collector's run is over (its report, JSON). `POST /ingest/v1/runs`. */
  finishRun?(regionId: string, report: unknown): Promise<unknown>;
}
