import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');

export interface SandboxProcess {
  child: ChildProcess;
  url: string;
  /** When the process was spawned (performance.now()). */
  startedAt: number;
  output(): string;
  /** Resolves with the seconds from spawn until the console reports the demo ready. */
  ready(timeoutMs: number): Promise<number>;
  /** Sends `signal` (twice, if asked: a second Ctrl-C while stopping) and waits for the exit code. */
  stop(signal?: NodeJS.Signals, times?: number, timeoutMs?: number): Promise<number | null>;
}

/**
 * Brings the sandbox's bundle up to date (what the first `npm run sandbox` after a change does
 * before starting), so that a timed start measures the start and not the build.
 */
export async function prebuildSandbox(): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    ['scripts/run-bundled.mjs', '--build-only', 'sandbox/main.ts'],
    {
      cwd: REPO_ROOT,
    },
  );
}

/**
 * `npm run sandbox` as a child process (what a person starts), for the browser test and the
 * start-up benchmark: its own port, database and queue prefix.
 */
export function spawnSandboxProcess(options: {
  port: number;
  databaseUrl: string;
  queuePrefix: string;
}): SandboxProcess {
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['scripts/run-bundled.mjs', 'sandbox/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(options.port),
      SANDBOX_DATABASE_URL: options.databaseUrl,
      SANDBOX_QUEUE_PREFIX: options.queuePrefix,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://localhost:${options.port}/sandbox`;
  return {
    child,
    url,
    startedAt,
    output: () => output,
    async ready(timeoutMs) {
      const deadline = startedAt + timeoutMs;
      while (performance.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`the sandbox exited (${child.exitCode}):\n${output}`);
        const answer = await fetch(`${url}/api/messages?user=admin`)
          .then((r) => (r.ok ? (r.json() as Promise<{ ready: boolean }>) : undefined))
          .catch(() => undefined);
        if (answer?.ready) return (performance.now() - startedAt) / 1000;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the sandbox was not ready within ${timeoutMs} ms:\n${output}`);
    },
    async stop(signal = 'SIGINT', times = 1, timeoutMs = 30_000) {
      for (let i = 0; i < times && child.exitCode === null; i += 1) {
        child.kill(signal);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
