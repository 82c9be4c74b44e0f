/**
 * The candidate a typo most likely meant, if one is close enough: at most two edits away (one
 * for words of four letters or fewer, so `ace` does not become `cost`), or the only candidate
 * that starts with what was typed. Case does not matter.
 */
export function closestWord(typed: string, candidates: readonly string[]): string | undefined {
  const word = typed.trim().toLowerCase();
  if (word === '' || word.length > 60) return undefined;
  const allowed = word.length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate.toLowerCase());
    if (distance <= allowed && (best === undefined || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  if (best) return best.candidate;
  const prefixed = candidates.filter((candidate) => candidate.toLowerCase().startsWith(word));
  return word.length >= 3 && prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
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
