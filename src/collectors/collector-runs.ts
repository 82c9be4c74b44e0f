import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type {
  CollectorRunRow,
  CollectorRunStatus,
  CollectorRunTrigger,
  TableRowCounts,
} from '../db/tables/collector-state.js';
import type { CollectionOutcome } from './collection-outcome.js';

export interface StartedRun {
  id: string;
  /** When the oldest run this one found abandoned had started (its work was never reported). */
  abandonedSince: Date | null;
}

/**
 * Records a run as started. A direct run calls it while holding the region's lock, so any run of
 * the region still marked running died with its process: it is marked abandoned. (A remote run's
 * report does not hold the lock and leaves other runs alone.)
 */
export async function startRun(
  db: Db,
  regionId: string,
  trigger: CollectorRunTrigger,
  at: Date,
): Promise<StartedRun> {
  const id = randomUUID();
  return db.transaction().execute(async (trx) => {
    const abandoned =
      trigger === 'remote'
        ? []
        : await trx
            .updateTable('collector_runs')
            .set({ status: 'abandoned', finished_at: at })
            .where('region_id', '=', regionId)
            .where('status', '=', 'running')
            .returning('started_at')
            .execute();
    await trx
      .insertInto('collector_runs')
      .values({
        id,
        region_id: regionId,
        trigger,
        started_at: at,
        status: 'running',
        failure: null,
        finished_at: null,
      })
      .execute();
    const since = Math.min(...abandoned.map((run) => run.started_at.getTime()));
    return { id, abandonedSince: Number.isFinite(since) ? new Date(since) : null };
  });
}

/** The status a run ends with. */
export function runStatus(outcome: CollectionOutcome): CollectorRunStatus {
  if (outcome.aborted) return 'aborted';
  if (outcome.failure) return 'failed';
  const failed = outcome.tables.filter((t) => t.status === 'failed').length;
  if (failed === 0) return 'succeeded';
  return failed === outcome.tables.filter((t) => t.status !== 'unavailable').length ? 'failed' : 'partial';
}

/**
 * Records how a run ended (rows and errors per table) and, for every table it finished, when it
 * was last collected: that is what staleness is measured from.
 */
export async function finishRun(
  db: Db,
  run: { id: string; regionId: string },
  outcome: CollectionOutcome,
  at: Date,
): Promise<CollectorRunStatus> {
  const status = runStatus(outcome);
  const rows: TableRowCounts = {};
  const errors: Record<string, string> = {};
  for (const table of outcome.tables) {
    rows[table.table] = { read: table.read, written: table.written };
    if (table.status === 'failed' && table.error) errors[table.table] = table.error;
  }
  if (outcome.error) errors['*'] = outcome.error;
  const unavailable = outcome.tables.filter((t) => t.status === 'unavailable').map((t) => t.table);
  const collected = outcome.tables.filter((t) => t.status === 'collected').map((t) => t.table);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('collector_runs')
      .set({
        status,
        finished_at: at,
        failure: outcome.failure ?? null,
        rows: JSON.stringify(rows),
        errors: JSON.stringify(errors),
        unavailable: JSON.stringify(unavailable),
      })
      .where('id', '=', run.id)
      .execute();
    if (collected.length === 0) return;
    await trx
      .insertInto('collector_checkpoints')
      .values(
        collected.map((table) => ({
          region_id: run.regionId,
          table_name: table,
          cursor: null,
          last_collected_at: at,
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['region_id', 'table_name']).doUpdateSet({
          last_collected_at: at,
          updated_at: sql`excluded.updated_at`,
        }),
      )
      .execute();
  });
  return status;
}

/** The latest run that got through its tables (not aborted or abandoned), if any. */
export async function latestCompletedRun(db: Db, regionId: string): Promise<CollectorRunRow | undefined> {
  return db
    .selectFrom('collector_runs')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('status', 'in', ['succeeded', 'partial', 'failed'])
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
