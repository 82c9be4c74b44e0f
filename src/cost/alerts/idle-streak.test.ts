import { describe, expect, it } from 'vitest';
import { currentIdleStreak, type HourlyUtilisation } from './idle-streak.js';

const HOUR = 3_600_000;
const start = Date.parse('2026-06-01T00:00:00Z');
const hours = (cpu: number[], memory = 20): HourlyUtilisation[] =>
  cpu.map((cpuPercent, i) => ({
    hour: new Date(start + i * HOUR),
    cpuPercent,
    memoryPercent: memory,
    lastSeen: new Date(start + (i + 1) * HOUR),
  }));
const limits = (count: number) => ({
  maxCpuPercent: 5,
  maxMemoryPercent: 50,
  dataUntil: new Date(start + count * HOUR - 60_000),
});

describe('the current idle streak', () => {
  it('is the unbroken run of idle hours up to the newest data, with its utilisation', () => {
    const streak = currentIdleStreak(hours([80, 90, 1, 2, 3]), limits(5));
    expect(streak).toMatchObject({
      start: new Date(start + 2 * HOUR),
      idleMs: 3 * HOUR,
      averageCpuPercent: 2,
      peakCpuPercent: 3,
      averageMemoryPercent: 20,
    });
  });

  it('is none for a busy cluster, a cluster that stopped, or memory above its threshold', () => {
    expect(currentIdleStreak(hours([60, 70, 80]), limits(3))).toBeUndefined();
    expect(currentIdleStreak(hours([1, 1, 1]), limits(6))).toBeUndefined();
    expect(currentIdleStreak(hours([1, 1, 1], 70), limits(3))).toBeUndefined();
  });

  it('breaks at an hour without data', () => {
    const withGap = hours([1, 1, 1, 1]).filter((_, i) => i !== 1);
    expect(currentIdleStreak(withGap, limits(4))?.start).toEqual(new Date(start + 2 * HOUR));
  });
});
