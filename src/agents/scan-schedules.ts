import type { Db } from '../db/database.js';

/** Per-workspace scan schedules on the job runner (BullMQ job schedulers, one per connector). */
export interface AgentScanSchedules {
  schedule(connectorId: string, everySeconds: number): Promise<void>;
  unschedule(connectorId: string): Promise<void>;
  scheduled(): Promise<string[]>;
}

/**
 * Makes the schedules match the connected workspaces: every validated connector is scanned every
 * `everySeconds` (an upsert, so running this again changes nothing), deleted ones stop.
 */
export async function syncScanSchedules(
  db: Db,
  schedules: AgentScanSchedules,
  everySeconds: number,
): Promise<{ scheduled: number; removed: number }> {
  const connectors = await db
    .selectFrom('connectors')
    .select('id')
    .where('validated_at', 'is not', null)
    .execute();
  const wanted = new Set(connectors.map((c) => c.id));
  for (const id of wanted) await schedules.schedule(id, everySeconds);
  let removed = 0;
  for (const id of await schedules.scheduled()) {
    if (wanted.has(id)) continue;
    await schedules.unschedule(id);
    removed++;
  }
  return { scheduled: wanted.size, removed };
}
