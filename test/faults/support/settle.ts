/**
 * Waits for the outcome the acceptance criteria judge: every grant ended and every group back to
 * its standing members, or, at the latest, 35 s after the last grant's end (bounded by the
 * longest grant when some request never became active).
 */
import type { FaultWorld } from './fault-world.js';
import { DATABRICKS_GROUPS } from './fault-cast.js';

export const CHECK_AFTER_END_MS = 35_000;
const ENDED = new Set(['expired', 'revoked', 'denied', 'cancelled', 'timed_out', 'apply_failed']);

export async function settle(world: FaultWorld, longestGrantSeconds: number): Promise<void> {
  const requests = await world.db.requests();
  const lastCreated = Math.max(Date.now(), ...requests.map((r) => r.created_at.getTime()));
  // A request that never became active has no end: give it an apply allowance and its length.
  const latestPossibleEnd = lastCreated + 45_000 + longestGrantSeconds * 1_000;
  for (;;) {
    const now = Date.now();
    const rows = await world.db.requests();
    const ends = rows.flatMap((r) => (r.ends_at ? [r.ends_at.getTime()] : []));
    const allEnded = rows.every((r) => ENDED.has(r.state));
    const clean = DATABRICKS_GROUPS.every((group) => {
      const standing = world.cast.standing.get(group) ?? new Set();
      const members = world.databricks.groupMemberIds(group);
      return members.length === standing.size && members.every((id) => standing.has(id));
    });
    if (allEnded && clean) return;
    const deadline =
      (allEnded ? Math.max(...ends, 0) : Math.max(latestPossibleEnd, ...ends)) + CHECK_AFTER_END_MS;
    if (now > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
