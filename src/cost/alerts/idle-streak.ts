const HOUR_MS = 3_600_000;

/** A cluster's utilisation over one hour: its busiest node's average CPU and memory. */
export interface HourlyUtilisation {
  /** Start of the hour. */
  hour: Date;
  cpuPercent: number;
  memoryPercent: number;
  /** End of the last minute any node reported in this hour. */
  lastSeen: Date;
}

export interface IdleStreak {
  /** Start of the first idle hour of the unbroken run that is still going. */
  start: Date;
  /** End of the last minute reported. */
  lastSeen: Date;
  idleMs: number;
  averageCpuPercent: number;
  averageMemoryPercent: number;
  peakCpuPercent: number;
  peakMemoryPercent: number;
}

/**
 * The unbroken run of idle hours (every node below both thresholds on the hour's average) that is
 * still going: its last hour is the newest hour reported (`dataUntil`) or the one before. An hour
 * without any node reporting breaks the run: the cluster was off, or nothing is known.
 */
export function currentIdleStreak(
  hours: readonly HourlyUtilisation[],
  limits: { maxCpuPercent: number; maxMemoryPercent: number; dataUntil: Date },
): IdleStreak | undefined {
  const sorted = [...hours].sort((a, b) => a.hour.getTime() - b.hour.getTime());
  const last = sorted.at(-1);
  const newestHour = Math.floor(limits.dataUntil.getTime() / HOUR_MS);
  if (!last || Math.floor(last.hour.getTime() / HOUR_MS) < newestHour - 1) return undefined;
  const idle = (h: HourlyUtilisation) =>
    h.cpuPercent < limits.maxCpuPercent && h.memoryPercent < limits.maxMemoryPercent;
  const streak: HourlyUtilisation[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const h = sorted[i]!;
    const previous = streak.at(-1);
    if (!idle(h)) break;
    if (previous && previous.hour.getTime() - h.hour.getTime() !== HOUR_MS) break;
    streak.push(h);
  }
  const first = streak.at(-1);
  if (!first) return undefined;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    start: first.hour,
    lastSeen: last.lastSeen,
    idleMs: last.lastSeen.getTime() - first.hour.getTime(),
    averageCpuPercent: mean(streak.map((h) => h.cpuPercent)),
    averageMemoryPercent: mean(streak.map((h) => h.memoryPercent)),
    peakCpuPercent: Math.max(...streak.map((h) => h.cpuPercent)),
    peakMemoryPercent: Math.max(...streak.map((h) => h.memoryPercent)),
  };
}
