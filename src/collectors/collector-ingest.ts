import { z } from 'zod';
import type { IngestBatches } from '../connectors/ingest-batches.js';
import { InvalidInput, NotFound } from '../errors/domain-errors.js';
import type { SqlRow } from '../ports/databricks-workspace.js';
import { InvalidRowError, normalizeRow } from './collected-row.js';
import type { CollectorDeps } from './collector-deps.js';
import { finishRun, startRun } from './collector-runs.js';
import { evaluateRegionHealth } from './evaluate-region-health.js';
import { readCheckpoints } from './postgres-sink.js';
import type { RegionHealth } from './region-health.js';
import { SYSTEM_TABLE_CATALOG, systemTable } from './system-table-catalog.js';
import { batchCursor, writeBatch } from './write-batch.js';

export const MAX_INGEST_ROWS = 20_000;

/** What a remote collector reports when its run is over (`collect --connection-string`). */
export const remoteRunReport = z.object({
  startedAt: z.iso.datetime(),
  aborted: z.boolean().default(false),
  failure: z.enum(['auth', 'warehouse']).optional(),
  error: z.string().max(2_000).optional(),
  tables: z
    .array(
      z.object({
        table: z.string().max(200),
        required: z.boolean(),
        status: z.enum(['collected', 'failed', 'unavailable']),
        read: z.number().int().min(0),
        written: z.number().int().min(0),
        skipped: z.number().int().min(0).default(0),
        error: z.string().max(2_000).optional(),
      }),
    )
    .max(100),
});

export type RemoteRunReport = z.input<typeof remoteRunReport>;

/**
 * The server side of remote collection: batches a collector in the customer's network sends
 * (after the connector domain has checked its token) are stored by the same upsert and
 * checkpoint code as a direct run; its run report becomes a collector run and a health update.
 */
export class CollectorIngest implements IngestBatches {
  constructor(
    private readonly deps: Pick<CollectorDeps, 'db' | 'clock' | 'recordRegionHealth' | 'usageListener'>,
  ) {}

  /**
   * Stores one batch. The checkpoint stored with it is the highest cursor among the rows
   * themselves, so a batch can never move a table's checkpoint past data it did not bring.
   */
  async ingest(regionId: string, tableName: string, rows: SqlRow[], _checkpoint: unknown): Promise<void> {
    const table = systemTable(tableName);
    if (!table) throw new InvalidInput(`Unknown system table ${JSON.stringify(tableName).slice(0, 80)}.`);
    if (rows.length > MAX_INGEST_ROWS) throw new InvalidInput(`At most ${MAX_INGEST_ROWS} rows per batch.`);
    let normalized;
    try {
      normalized = rows.map((row) => normalizeRow(table, row));
    } catch (error) {
      if (error instanceof InvalidRowError) throw new InvalidInput(error.message);
      throw error;
    }
    const { touchedDates } = await writeBatch(this.deps.db, {
      regionId,
      table,
      rows: normalized,
      checkpoint: batchCursor(table, normalized),
      at: this.deps.clock.now(),
    });
    if (touchedDates.length > 0) await this.deps.usageListener.afterCollectorRun(regionId, touchedDates);
  }

  /** Where each table resumes, for a remote collector starting a run. */
  async checkpoints(regionId: string): Promise<Record<string, string | null>> {
    const stored = await readCheckpoints(this.deps.db, regionId);
    return Object.fromEntries([...stored].map(([table, cursor]) => [table, cursor?.toISOString() ?? null]));
  }

  /** Records a remote run and the region's resulting health. */
  async finishRun(regionId: string, report: unknown): Promise<RegionHealth> {
    const parsed = remoteRunReport.safeParse(report);
    if (!parsed.success) throw new InvalidInput(`Invalid run report: ${parsed.error.issues[0]?.message}`);
    const { db, clock } = this.deps;
    const region = await db
      .selectFrom('region_connectors')
      .select(['id', 'collect_every_seconds'])
      .where('id', '=', regionId)
      .executeTakeFirst();
    if (!region) throw new NotFound(`No region connector ${regionId}.`);
    const { startedAt, ...outcome } = parsed.data;
    const tables = outcome.tables.filter((t) => systemTable(t.table) !== undefined);
    const { id } = await startRun(db, regionId, 'remote', new Date(startedAt));
    await finishRun(db, { id, regionId }, { ...outcome, tables, touchedUsageDates: [] }, clock.now());
    const health = await evaluateRegionHealth(
      db,
      { regionId, everySeconds: region.collect_every_seconds },
      SYSTEM_TABLE_CATALOG,
      clock.now(),
    );
    await this.deps.recordRegionHealth(regionId, health);
    // Its billing batches marked their dates already; the run's end still has the rules evaluated.
    await this.deps.usageListener.afterCollectorRun(regionId, []);
    return health;
  }
}
