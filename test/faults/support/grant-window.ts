import type { FaultWorld } from './fault-world.js';

/** When the first and the last of the grants filed so far end (epoch ms), from the bot's database. */
export async function endsWindow(world: FaultWorld): Promise<{ firstEnd: number; lastEnd: number }> {
  const ends = (await world.db.requests()).flatMap((r) => (r.ends_at ? [r.ends_at.getTime()] : []));
  const now = Date.now();
  return { firstEnd: Math.min(...ends, now), lastEnd: Math.max(...ends, now) };
}
