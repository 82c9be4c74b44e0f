const HOUR_MS = 3_600_000;

export interface RunningStreak {
  /** Start of the first hour of the unbroken run. */
  start: Date;
  /** End of the last hour with usage. */
  end: Date;
  hours: number;
}

/**
 * The unbroken run of hours with usage that is still going: it ends in the latest hour the
 * collected data covers (`dataUntil`, exclusive) or the hour before it, since the newest hour may
 * not have arrived yet. Undefined when the resource is not running.
 */
export function currentRunningStreak(
  hoursWithUsage: readonly Date[],
  dataUntil: Date,
): RunningStreak | undefined {
  const hours = [...new Set(hoursWithUsage.map((h) => Math.floor(h.getTime() / HOUR_MS)))].sort(
    (a, b) => a - b,
  );
  const last = hours.at(-1);
  const latestCovered = Math.floor(dataUntil.getTime() / HOUR_MS) - 1;
  if (last === undefined || last < latestCovered - 1) return undefined;
  let first = last;
  for (let i = hours.length - 2; i >= 0 && hours[i] === first - 1; i--) first = hours[i]!;
  return {
    start: new Date(first * HOUR_MS),
    end: new Date((last + 1) * HOUR_MS),
    hours: last - first + 1,
  };
}
