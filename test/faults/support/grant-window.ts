import type { FaultWorld } from './fault-world.js';
import { holdsWithin } from './wait.js';

/**
 * When the first and the last of the grants filed so far end (epoch ms), from the bot's
 * database, once every request is active or over (bounded: faults may hold some back).
 */
export async function endsWindow(world: FaultWorld): Promise<{ firstEnd: number; lastEnd: number }> {
  const settled = async () =>
    (await world.db.requests()).every(
      (r) => r.ends_at !== null || ['denied', 'apply_failed'].includes(r.state),
    );
  await holdsWithin(settled, 45_000, 250);
  const ends = (await world.db.requests()).flatMap((r) => (r.ends_at ? [r.ends_at.getTime()] : []));
  const now = Date.now();
  return { firstEnd: ends.length > 0 ? Math.min(...ends) : now, lastEnd: Math.max(...ends, now) };
}
