/**
 * CPU and event-loop delay over one phase: of the bot, of this process (load generator and
 * fakes), and of the whole machine, so a slow round trip can be told apart from a busy client or
 * a busy neighbour (this box is shared with Postgres, Redis and whatever else is running).
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { botVitals, type BotProcess } from './bot-process.js';

export interface PhaseVitals {
  wallMs: number;
  botCpuSeconds: number;
  botLoopDelayP99Ms: number;
  botLoopDelayMaxMs: number;
  generatorCpuSeconds: number;
  generatorLoopDelayMaxMs: number;
  /** Busy share of all cores, 0..1 (NaN where /proc/stat is not readable). */
  machineBusy: number;
  /** CPU seconds spent by everything else on the machine (Postgres and Redis included). */
  otherCpuSeconds: number;
}

export async function withVitals<T>(bot: BotProcess, work: () => Promise<T>): Promise<[T, PhaseVitals]> {
  const before = await botVitals(bot);
  const machine = machineTicks();
  const cpu = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  try {
    const result = await work();
    const wallMs = performance.now() - started;
    const generatorCpu = process.cpuUsage(cpu);
    const after = await botVitals(bot);
    const machineBusy = busyShare(machine, machineTicks());
    const botCpuSeconds = after.cpuSeconds - before.cpuSeconds;
    const generatorCpuSeconds = (generatorCpu.user + generatorCpu.system) / 1e6;
    return [
      result,
      {
        wallMs,
        botCpuSeconds,
        botLoopDelayP99Ms: after.loopDelayP99Ms,
        botLoopDelayMaxMs: after.loopDelayMaxMs,
        generatorCpuSeconds,
        generatorLoopDelayMaxMs: loop.max / 1e6,
        machineBusy,
        otherCpuSeconds: Math.max(
          0,
          machineBusy * cpus().length * (wallMs / 1000) - botCpuSeconds - generatorCpuSeconds,
        ),
      },
    ];
  } finally {
    loop.disable();
  }
}

/** Busy share of all cores over the next `ms` (what the neighbours are doing before a run). */
export async function sampleMachineBusy(ms: number): Promise<number> {
  const before = machineTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return busyShare(before, machineTicks());
}

/** Aggregate `cpu` line of /proc/stat: [busy, total] jiffies; undefined off Linux. */
function machineTicks(): [number, number] | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((sum, t) => sum + t, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return [total - idle, total];
  } catch {
    return undefined;
  }
}

function busyShare(before: [number, number] | undefined, after: [number, number] | undefined): number {
  if (!before || !after || after[1] === before[1]) return Number.NaN;
  return (after[0] - before[0]) / (after[1] - before[1]);
}
