import type { CollectedRow } from './collected-row.js';
import type { RemoteRunReport } from './collector-ingest.js';
import type { CollectorSink } from './collector-sink.js';
import type { SystemTableSpec } from './system-table-spec.js';
import type { BatchTurn } from './batch-turn.js';
import type { BatchResult } from './write-batch.js';

/** The bot's ingest API as a remote collector sees it (`/ingest/v1/…`, one region's token). */
export interface IngestApi {
  checkpoints(): Promise<Record<string, string | null>>;
  sendBatch(table: string, rows: CollectedRow[], checkpoint: string | null): Promise<void>;
  finishRun(report: RemoteRunReport): Promise<unknown>;
}

/**
 * A collector running in the customer's network: each batch goes to the bot, which stores it
 * with its checkpoint in one transaction (CollectorIngest), so the bot's checkpoints are the only
 * ones and a remote run resumes like a direct one.
 */
export class RemoteSink implements CollectorSink {
  constructor(private readonly api: IngestApi) {}

  async checkpoints(): Promise<Map<string, Date | null>> {
    const stored = await this.api.checkpoints();
    return new Map(
      Object.entries(stored).map(([table, cursor]) => [table, cursor ? new Date(cursor) : null]),
    );
  }

  async write(
    table: SystemTableSpec,
    rows: CollectedRow[],
    checkpoint: Date | null,
    turn?: BatchTurn,
  ): Promise<BatchResult> {
    await turn?.ready; // one batch in flight at a time: the bot stores them in the order they arrive
    await this.api.sendBatch(table.name, rows, checkpoint?.toISOString() ?? null);
    // The bot does not say which rows changed; count what was sent.
    return { written: rows.length, skipped: 0, touchedDates: [] };
  }
}
