/**
 * The bot as production runs it: `src/main.ts` in a process of its own (so the load generator
 * and the fake servers in this process do not share its event loop), configured by environment.
 * Its stdout goes to a file, as a log collector would drain it: never a full pipe that blocks
 * the bot's synchronous log writes while this process is busy.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT, waitForExit, waitForHttp } from '../test/support/spawn-bot.js';
import { pollUntil } from './load.js';

export interface BotProcess {
  url: string;
  /** Parsed JSON log lines written so far. */
  logLines(): Record<string, unknown>[];
  /** GET /metrics, as Prometheus text. */
  metricsText(): Promise<string>;
  /** SIGTERM, then waits (bounded) for exit; SIGKILL if it hangs. Returns how long it took. */
  stop(): Promise<{ code: number | null; ms: number }>;
}

export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'dbchatops-bench-bot-'));
  const logFile = path.join(dir, 'bot.log');
  const fd = openSync(logFile, 'w');
  // e.g. BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the bot.
  const nodeArgs = (process.env.BENCH_BOT_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'scripts/run-bundled.mjs', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const output = () => readFileSync(logFile, 'utf8');
  const url = `http://127.0.0.1:${port}`;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    await waitForHttp(`${url}/readyz`, 200, 30_000);
    const started = await pollUntil(() => output().includes('databricks-chatops started'), 30_000);
    if (!started) throw new Error('no "databricks-chatops started" line within 30 s');
  } catch (error) {
    kill();
    const tail = output().slice(-3000);
    await rm(dir, { recursive: true, force: true });
    throw new Error(`the bot did not start: ${String(error)}\n--- bot output (tail) ---\n${tail}`);
  }
  let lines: Record<string, unknown>[] | undefined;
  let stopped: Promise<{ code: number | null; ms: number }> | undefined;
  const logLines = () => lines ?? parseLines(output());
  return {
    url,
    logLines,
    metricsText: async () => (await fetch(`${url}/metrics`)).text(),
    stop: () =>
      (stopped ??= (async () => {
        try {
          if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, ms: 0 };
          child.kill('SIGTERM');
          try {
            return await waitForExit(child, 15_000);
          } catch (error) {
            kill();
            throw error;
          }
        } finally {
          lines = parseLines(output());
          await rm(dir, { recursive: true, force: true });
        }
      })()),
  };
}

function parseLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** The bot's own view of itself: CPU used so far and event-loop delay since the last scrape
 * (prom-client resets its event-loop histogram on every scrape). */
export interface BotVitals {
  cpuSeconds: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export async function botVitals(bot: BotProcess): Promise<BotVitals> {
  const text = await bot.metricsText();
  const value = (name: string) => metricSamples(text, name)[0]?.value ?? Number.NaN;
  return {
    cpuSeconds: value('process_cpu_seconds_total'),
    loopDelayP99Ms: value('nodejs_eventloop_lag_p99_seconds') * 1000,
    loopDelayMaxMs: value('nodejs_eventloop_lag_max_seconds') * 1000,
  };
}

/** `name{labels} value` samples of one metric from Prometheus text, labels as a string. */
export function metricSamples(text: string, name: string): { labels: string; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => {
      const match = /^[^{\s]+(\{[^}]*\})?\s+(\S+)/.exec(line);
      return { labels: match?.[1] ?? '', value: Number(match?.[2]) };
    });
}
