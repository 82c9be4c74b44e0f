import { COMMANDS } from './command-catalog.js';

/** The command a typo most likely meant (at most two edits away), if any: `reovke` → `revoke`. */
export function closestCommand(typed: string): string | undefined {
  if (typed.length > 40) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const { name } of COMMANDS) {
    const distance = editDistance(typed, name);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}
