/**
 * One bot process in one role, as production runs it: `node scripts/run-bundled.mjs src/main.ts --role
 * web|worker`, configured by environment, its log drained to a file. It remembers whether its
 * exit was caused by the test (a kill, a SIGTERM) or was a crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, REPO_ROOT, waitForHttp } from '../../support/spawn-bot.js';
import { waitUntil } from './wait.js';

export type RoleName = 'web' | 'worker';

export interface RoleExit {
  role: RoleName;
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the test sent the signal that ended it. */
  caused: boolean;
  at: number;
  /** The end of its log, to show what happened. */
  logTail: string;
}

export interface BotRole {
  role: RoleName;
  pid: number;
  /** `http://127.0.0.1:<port>` for the web role. */
  url: string;
  logFile: string;
  running(): boolean;
  /** Sends `signal` as a fault or a stop (the exit is then not a crash). */
  signal(signal: 'SIGKILL' | 'SIGTERM'): void;
  exited: Promise<RoleExit>;
}

export async function startBotRole(
  role: RoleName,
  env: Record<string, string>,
  logDir: string,
  serial: number,
): Promise<BotRole> {
  const port = await freePort();
  const logFile = path.join(logDir, `${role}-${serial}.log`);
  const fd = openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    process.execPath,
    ['scripts/run-bundled.mjs', 'src/main.ts', '--role', role],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
      stdio: ['ignore', fd, fd],
    },
  );
  closeSync(fd);
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  let caused = false;
  const running = () => child.exitCode === null && child.signalCode === null;
  const exited = new Promise<RoleExit>((resolve) => {
    child.once('exit', (code, signal) =>
      resolve({
        role,
        pid: child.pid ?? 0,
        code,
        signal,
        caused,
        at: Date.now(),
        logTail: log().slice(-2_000),
      }),
    );
  });
  const bot: BotRole = {
    role,
    pid: child.pid ?? 0,
    url: `http://127.0.0.1:${port}`,
    logFile,
    running,
    signal: (signal) => {
      if (!running()) return;
      caused = true;
      child.kill(signal);
    },
    exited,
  };
  try {
    await waitUntil(
      `the ${role} role to start`,
      () => !running() || log().includes('databricks-chatops started'),
      60_000,
    );
    if (!running()) throw new Error('it exited during start-up');
    if (role === 'web') await waitForHttp(`${bot.url}/readyz`, 200, 30_000);
  } catch (error) {
    bot.signal('SIGKILL');
    throw new Error(
      `the ${role} role did not start: ${String(error)}\n--- log tail ---\n${log().slice(-3_000)}`,
    );
  }
  return bot;
}
